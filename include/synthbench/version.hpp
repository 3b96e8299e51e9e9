#ifndef SYNTHBENCH_VERSION_HPP
#define SYNTHBENCH_VERSION_HPP

/// @file
/// Version numbers and the versioned inline namespace.
///
/// Every declaration lives in `synthbench::v0_1`, an inline namespace: users write
/// `synthbench::ScoreTable`, while two different versions linked into one binary get
/// different mangled names instead of a silent ODR violation (nlohmann/json #3360, #3588).
/// No macro changes a class layout.

#define SYNTHBENCH_VERSION_MAJOR 0
#define SYNTHBENCH_VERSION_MINOR 1
#define SYNTHBENCH_VERSION_PATCH 0
#define SYNTHBENCH_VERSION_STRING "0.1.0"

/// Opens `namespace synthbench { inline namespace v0_1 {`.
#define SYNTHBENCH_NAMESPACE_BEGIN \
  namespace synthbench {           \
  inline namespace v0_1 {
/// Closes what SYNTHBENCH_NAMESPACE_BEGIN opened.
#define SYNTHBENCH_NAMESPACE_END \
  }                              \
  }

#endif  // SYNTHBENCH_VERSION_HPP

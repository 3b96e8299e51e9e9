#ifndef SYNTHBENCH_LLM_BATCH_ERRORS_HPP
#define SYNTHBENCH_LLM_BATCH_ERRORS_HPP

/// @file
/// Which errors of a batch element end a run, and which are one failed request.
///
/// `ChatClient::complete_batch` reports each element's exception in its BatchResult. For a
/// generator or solver, a request that failed at the server (a timeout after retries, a
/// 500, a malformed body) is an outcome to count, like an unusable answer. Other errors say
/// the run itself is wrong and must stop it, loudly: a cassette miss (the cassette does not
/// hold this run's requests; counting it as a bad answer would score a stale cassette), any
/// other cassette error, the spending guard (`synthbench.http.10`), a usage error, a file
/// error. run_experiment documents the same split: "a cassette miss, an I/O error: those
/// are failures of the run, not answers to score".

#include <exception>  // std::exception_ptr, std::rethrow_exception
#include <string>     // std::string

#include "synthbench/error.hpp"    // Error
#include "synthbench/version.hpp"  // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace llm {

/// True when `error` must end the run rather than count as one failed request: a
/// synthbench::Error whose id is `synthbench.cassette.*`, `synthbench.usage.*`,
/// `synthbench.io.*` or `synthbench.http.10` (the spending guard). Anything else (transport
/// and server errors, malformed responses, unknown exceptions) is one failed request.
inline bool is_run_failure(const std::exception_ptr& error) {
  if (!error) return false;
  try {
    std::rethrow_exception(error);
  } catch (const Error& e) {
    const std::string& id = e.id();
    return id.rfind("synthbench.cassette.", 0) == 0 || id.rfind("synthbench.usage.", 0) == 0 ||
           id.rfind("synthbench.io.", 0) == 0 || id == "synthbench.http.10";
  } catch (...) {
    return false;
  }
}

}  // namespace llm
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_LLM_BATCH_ERRORS_HPP

#ifndef SYNTHBENCH_CASSETTE_HPP
#define SYNTHBENCH_CASSETTE_HPP

/// @file
/// The cassette layer: record LLM interactions once, replay them offline and
/// deterministically (docs/cassettes.md; format: docs/cassette-format.md). Never needs curl.

#include "synthbench/cassette/canonical.hpp"
#include "synthbench/cassette/client.hpp"
#include "synthbench/cassette/compact_json.hpp"
#include "synthbench/cassette/compact_reader.hpp"
#include "synthbench/cassette/diff.hpp"
#include "synthbench/cassette/errors.hpp"
#include "synthbench/cassette/format.hpp"
#include "synthbench/cassette/interaction.hpp"
#include "synthbench/cassette/key_index.hpp"
#include "synthbench/cassette/mode.hpp"
#include "synthbench/cassette/secrets.hpp"
#include "synthbench/cassette/storage.hpp"
#include "synthbench/cassette/tools.hpp"
#include "synthbench/cassette/usage.hpp"
#include "synthbench/llm.hpp"

#endif  // SYNTHBENCH_CASSETTE_HPP

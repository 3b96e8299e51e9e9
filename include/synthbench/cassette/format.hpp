#ifndef SYNTHBENCH_CASSETTE_FORMAT_HPP
#define SYNTHBENCH_CASSETTE_FORMAT_HPP

/// @file
/// Cassette format v2 (docs/cassette-format.md, schema in docs/cassette-format.schema.json):
///
///     {"format": 2,
///      "interactions": [{"recorded_at": "2026-11-21T20:21:00Z", "replicate": 0,
///                        "request": {canonical request, canonical.hpp},
///                        "response": {"outcome": "answer", "body": {the completion body},
///                                     "latency_ms": 12.5}}],
///      "metadata": {"created_at", "updated_at", "recorded_with", "description",
///                   "hosts": [...], "models": [...]}}
///
/// Every call's outcome is recorded (llm/outcome.hpp): a completion (answer, refusal,
/// content_filter, length, tool_calls) with its body, in the dialect of the request's
/// provider; a failure (provider_error, transient_failure) with `"error"` (its text),
/// `"status"`, `"attempts"` and the error body (`"body"`, or `"body_text"` when it was not
/// JSON). Format 1 files (no "outcome": every interaction a completion) are read too; every
/// write is format 2.
///
/// Written pretty (2 spaces), keys sorted, interactions sorted by (request, replicate):
/// re-recording the same interactions gives the same file but for timestamps and
/// latencies, and diffs show what changed. "hosts" and "models" are derived from the
/// interactions on every write, so they always say what answered (DESIGN.md, Honesty).
///
/// The journal beside a cassette (`<cassette>.journal`) holds one interaction object per
/// line, in completion order (a line whose response has no "outcome" is read as format 1).
/// Every malformed input throws InputError naming the file and the position (JSON pointer,
/// or line for journals).
///
/// This header is the format whole; each job has its own header: format_read.hpp (a parsed
/// document read: interaction_from_json, cassette_from_json), format_parse.hpp (cassette
/// text read: parse_cassette, through the fast path or the SAX reader), format_write.hpp
/// (to_json, sort_interactions, dump_cassette, utc_now), journal.hpp (journal_line,
/// parse_journal) and interaction_id.hpp (interaction_id).

#include "synthbench/cassette/format_parse.hpp"    // parse_cassette, detail::CassetteSax
#include "synthbench/cassette/format_read.hpp"     // interaction_from_json, cassette_from_json
#include "synthbench/cassette/format_write.hpp"    // to_json, sort_interactions, dump_cassette, utc_now
#include "synthbench/cassette/interaction_id.hpp"  // interaction_id
#include "synthbench/cassette/journal.hpp"         // journal_line, parse_journal

#endif  // SYNTHBENCH_CASSETTE_FORMAT_HPP

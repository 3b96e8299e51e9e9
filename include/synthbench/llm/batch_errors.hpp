#ifndef SYNTHBENCH_LLM_BATCH_ERRORS_HPP
#define SYNTHBENCH_LLM_BATCH_ERRORS_HPP

/// @file
/// Which errors of a batch element end a run, and which are one failed request.
///
/// A request that failed at the provider or on the way (a timeout after retries, a 503, a
/// 400 for this prompt) ends in an outcome (llm/outcome.hpp), not an exception, and is
/// counted like an unusable answer. `ChatClient::complete_batch` reports each element's
/// exception in its BatchResult; a client that throws for such a failure (a test double,
/// another SDK's adapter) is counted the same way. Other errors say the run itself is wrong
/// and must stop it, loudly: a configuration failure (a rejected key, an unknown model, a bad
/// base URL: every other request would fail the same way), a cassette miss (the cassette
/// does not hold this run's requests; counting it as a bad answer would score a stale
/// cassette), any other cassette error, the spending guard (`synthbench.http.10`), a usage
/// error, a file error. run_experiment documents the same split: "a cassette miss, an I/O
/// error: those are failures of the run, not answers to score".

#include <exception>  // std::exception_ptr, std::rethrow_exception
#include <string>     // std::string

#include "synthbench/error.hpp"    // Error
#include "synthbench/version.hpp"  // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace llm {

/// True when `error` is a configuration failure: a synthbench::Error whose id is
/// `synthbench.http.1` (the base URL cannot be reached: DNS, connection refused, TLS),
/// `synthbench.http.2` (401, 402, 403 or 404: the key, the account, the model or the URL is
/// wrong), `synthbench.http.5` (invalid transport options) or `synthbench.llm.203` (a
/// malformed base URL). A recorder stops recording at the first one (docs/cassettes.md).
inline bool is_configuration_failure(const std::exception_ptr& error) {
  if (!error) return false;
  try {
    std::rethrow_exception(error);
  } catch (const Error& e) {
    const std::string& id = e.id();
    return id == "synthbench.http.1" || id == "synthbench.http.2" || id == "synthbench.http.5" || id == "synthbench.llm.203";
  } catch (...) {
    return false;
  }
}

/// True when `error` must end the run rather than count as one failed request: a
/// configuration failure (is_configuration_failure), or a synthbench::Error whose id is
/// `synthbench.cassette.*`, `synthbench.usage.*`, `synthbench.io.*` or `synthbench.http.10`
/// (the spending guard). Anything else (a client's own exceptions, malformed responses,
/// unknown exceptions) is one failed request.
inline bool is_run_failure(const std::exception_ptr& error) {
  if (!error) return false;
  if (is_configuration_failure(error)) return true;
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

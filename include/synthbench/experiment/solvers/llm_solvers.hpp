#ifndef SYNTHBENCH_EXPERIMENT_SOLVERS_LLM_SOLVERS_HPP
#define SYNTHBENCH_EXPERIMENT_SOLVERS_LLM_SOLVERS_HPP

/// @file
/// Zero-shot LLM solvers (METHOD.md, step 2): one solving prompt per input (task
/// description, output description, the input; experiment/prompts.hpp), all sent through
/// `ChatClient::complete_batch(requests, max_in_flight)`, each answer parsed by the task's
/// parser (experiment/output_parsers.hpp).
///
/// A call that gave no usable answer gives an empty prediction, never a guess, and keeps the
/// call's outcome (llm/outcome.hpp) in the prediction; `raw` keeps the answer, or
/// "[outcome] what" for a call that gave none ("[refusal] I can't help with that"), or for a
/// client that threw "[request failed] " and the error. Every such case is also a DataIssue
/// of the run's report (item = the input's index, where = "input i"): kind `refusal`,
/// `content_filter`, `tool_calls`, `provider_error` or `transient_failure` (detail: the
/// refusal, the error, the tools called), `failed_request` (a client's exception; counted as
/// a transient_failure) or `parse_failure` (an answer that does not parse; detail: "code:
/// what", with " (the answer hit max_tokens)" for a `length` outcome); a NER answer's
/// dropped entities are `dropped_entity` issues ("code: what", where = "input i, entity
/// k"). run() returns predictions and report together; predict() (the Solver interface)
/// keeps the report of its last call for last_report(). An error that says the run itself
/// is wrong (a cassette miss, the spending guard; llm::is_run_failure) is rethrown instead.

#include <cstddef>     // std::size_t
#include <exception>   // std::rethrow_exception
#include <memory>      // std::shared_ptr, std::make_shared
#include <mutex>       // std::mutex, std::lock_guard
#include <string>      // std::string
#include <utility>     // std::move, std::pair
#include <vector>      // std::vector

#include "synthbench/error.hpp"                      // UsageError
#include "synthbench/experiment/call_outcomes.hpp"   // detail::not_answered
#include "synthbench/experiment/dataset.hpp"         // DataReport
#include "synthbench/experiment/items.hpp"           // IntentPrediction, SimilarityPrediction, NerPrediction
#include "synthbench/experiment/output_parsers.hpp"  // parse_intent_answer, parse_similarity_answer, parse_ner_answer
#include "synthbench/experiment/prompts.hpp"         // PromptTemplates, TaskDescription, ChatSettings, *_solving_prompt
#include "synthbench/experiment/solver.hpp"          // IntentSolver, SimilaritySolver, NerSolver
#include "synthbench/llm/batch_errors.hpp"           // llm::is_run_failure
#include "synthbench/llm/client.hpp"                 // llm::ChatClient, llm::BatchResult
#include "synthbench/llm/outcome.hpp"                // llm::Outcome
#include "synthbench/version.hpp"                    // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN

/// How an LLM solver asks.
struct LlmSolverOptions {
  /// The approach's name in score tables; empty: the model's name.
  std::string name;
  /// Model and sampling (usually temperature 0).
  ChatSettings settings;
  /// Domain, guidelines, and the intents (intent) or entity types (NER) with descriptions.
  TaskDescription description;
  /// Requests running at once.
  std::size_t max_in_flight = 4;
  /// How intent answers are read.
  IntentAnswerOptions intent;
  /// The similarity score scale.
  ScoreScale scale;
  /// The prompt templates; null: PromptTemplates(default_prompt_directory()), made when the
  /// solver is constructed.
  std::shared_ptr<const PromptTemplates> templates;
};

/// Predictions of one run and what went wrong in it.
template <class Prediction>
struct SolverRun {
  std::vector<Prediction> predictions;  ///< one per input, in order
  DataReport report;                    ///< failed requests, parse failures, dropped entities
};

namespace detail {

/// The common part of the LLM solvers: options, batching, the last report.
class LlmSolverCore {
 public:
  LlmSolverCore(llm::ChatClient& client, LlmSolverOptions options) : client_(client), options_(std::move(options)) {
    if (options_.max_in_flight == 0) throw UsageError(73, "LlmSolverOptions::max_in_flight must be at least 1");
    if (options_.settings.model.empty()) throw UsageError(72, "LlmSolverOptions::settings.model is empty: name the model to ask");
    if (!options_.templates) options_.templates = std::make_shared<PromptTemplates>();
  }

  std::string solver_name() const { return options_.name.empty() ? options_.settings.model : options_.name; }

  /// Sends `prompts` as one batch; `use(i, response)` handles each answer, failures are
  /// recorded and `fail(i, raw)` makes their empty prediction.
  template <class Prediction, class Use>
  SolverRun<Prediction> run_batch(const std::vector<std::string>& prompts, Use use) const {
    std::vector<llm::ChatRequest> requests;
    requests.reserve(prompts.size());
    for (const auto& p : prompts) requests.push_back(make_chat_request(options_.settings, p));
    SolverRun<Prediction> run;
    run.predictions.resize(prompts.size());
    const std::vector<llm::BatchResult> results = client_.complete_batch(requests, options_.max_in_flight);
    for (const auto& result : results) {
      if (llm::is_run_failure(result.error)) std::rethrow_exception(result.error);
    }
    for (std::size_t i = 0; i < results.size(); ++i) {
      const std::string where = "input " + std::to_string(i);
      if (!results[i].ok()) {
        run.predictions[i].outcome = llm::Outcome::transient_failure;
        run.predictions[i].raw = "[request failed] " + results[i].error_message;
        run.report.add(i, "failed_request", where, results[i].error_message);
        continue;
      }
      const llm::ChatResponse& response = *results[i].response;
      run.predictions[i].outcome = response.outcome;
      if (response.outcome != llm::Outcome::answer && response.outcome != llm::Outcome::length) {
        const std::string what = not_answered(response);
        run.predictions[i].raw = "[" + std::string(llm::to_string(response.outcome)) + "] " + what;
        run.report.add(i, llm::to_string(response.outcome), where, what);
        continue;
      }
      run.predictions[i].raw = response.content;
      const bool truncated = response.outcome == llm::Outcome::length || response.finish_reason == "length";
      const std::string cut = truncated ? " (the answer hit max_tokens)" : "";
      use(i, response, run, where, cut);
    }
    return run;
  }

  void keep(const DataReport& report) {
    std::lock_guard<std::mutex> lock(mutex_);
    last_ = report;
  }

  DataReport last() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return last_;
  }

  const LlmSolverOptions& options() const noexcept { return options_; }

 private:
  llm::ChatClient& client_;
  LlmSolverOptions options_;
  mutable std::mutex mutex_;
  DataReport last_;
};

}  // namespace detail

/// Zero-shot intent detection by an LLM.
class LlmIntentSolver : public IntentSolver {
 public:
  /// A solver asking `client` (which must outlive it). Throws UsageError synthbench.usage.74
  /// without intents (TaskDescription::labels), .73 for max_in_flight 0, .72 for an empty
  /// model, .71 for intents that normalize alike.
  LlmIntentSolver(llm::ChatClient& client, LlmSolverOptions options)
      : core_(client, std::move(options)), labels_(checked_labels(core_.options().description.labels)) {}

  /// The options' name, else the model's.
  std::string name() const override { return core_.solver_name(); }

  /// One prediction per utterance (see the file comment); the report is kept for last_report().
  std::vector<IntentPrediction> predict(const std::vector<std::string>& texts) override {
    auto r = run(texts);
    core_.keep(r.report);
    return std::move(r.predictions);
  }

  /// Predictions and report of `texts`.
  SolverRun<IntentPrediction> run(const std::vector<std::string>& texts) const {
    const auto& o = core_.options();
    std::vector<std::string> prompts;
    prompts.reserve(texts.size());
    for (const auto& t : texts) prompts.push_back(intent_solving_prompt(*o.templates, o.description, t));
    return core_.run_batch<IntentPrediction>(prompts, [&](std::size_t i, const llm::ChatResponse& response,
                                                          SolverRun<IntentPrediction>& run, const std::string& where,
                                                          const std::string& cut) {
      const auto parsed = parse_intent_answer(response.content, labels_, o.intent);
      if (parsed) {
        run.predictions[i].label = parsed.value();
      } else {
        run.report.add(i, "parse_failure", where, parsed.message() + cut);
      }
    });
  }

  /// The report of the last predict() call.
  DataReport last_report() const { return core_.last(); }

 private:
  static LabelSet checked_labels(const std::vector<std::string>& labels) {
    if (labels.empty()) throw UsageError(74, "an LLM intent solver needs the intents (LlmSolverOptions::description.labels)");
    return LabelSet(labels);
  }

  detail::LlmSolverCore core_;
  LabelSet labels_;
};

/// Zero-shot semantic text similarity by an LLM.
class LlmSimilaritySolver : public SimilaritySolver {
 public:
  /// A solver asking `client` (which must outlive it). Throws UsageError .73 for
  /// max_in_flight 0, .72 for an empty model.
  LlmSimilaritySolver(llm::ChatClient& client, LlmSolverOptions options) : core_(client, std::move(options)) {}

  /// The options' name, else the model's.
  std::string name() const override { return core_.solver_name(); }

  /// One prediction per sentence pair (see the file comment).
  std::vector<SimilarityPrediction> predict(const std::vector<std::pair<std::string, std::string>>& pairs) override {
    auto r = run(pairs);
    core_.keep(r.report);
    return std::move(r.predictions);
  }

  /// Predictions and report of `pairs`.
  SolverRun<SimilarityPrediction> run(const std::vector<std::pair<std::string, std::string>>& pairs) const {
    const auto& o = core_.options();
    std::vector<std::string> prompts;
    prompts.reserve(pairs.size());
    for (const auto& [a, b] : pairs) prompts.push_back(similarity_solving_prompt(*o.templates, o.description, a, b));
    return core_.run_batch<SimilarityPrediction>(prompts, [&](std::size_t i, const llm::ChatResponse& response,
                                                              SolverRun<SimilarityPrediction>& run, const std::string& where,
                                                              const std::string& cut) {
      const auto parsed = parse_similarity_answer(response.content, o.scale);
      if (parsed) {
        run.predictions[i].score = parsed.value();
      } else {
        run.report.add(i, "parse_failure", where, parsed.message() + cut);
      }
    });
  }

  /// The report of the last predict() call.
  DataReport last_report() const { return core_.last(); }

 private:
  detail::LlmSolverCore core_;
};

/// Zero-shot named entity recognition by an LLM.
class LlmNerSolver : public NerSolver {
 public:
  /// A solver asking `client` (which must outlive it). Throws UsageError synthbench.usage.74
  /// without entity types (TaskDescription::labels), .73 for max_in_flight 0, .72 for an
  /// empty model, .71 for types that normalize alike.
  LlmNerSolver(llm::ChatClient& client, LlmSolverOptions options)
      : core_(client, std::move(options)), types_(checked_types(core_.options().description.labels)) {}

  /// The options' name, else the model's.
  std::string name() const override { return core_.solver_name(); }

  /// One prediction per sentence (see the file comment).
  std::vector<NerPrediction> predict(const std::vector<std::string>& texts) override {
    auto r = run(texts);
    core_.keep(r.report);
    return std::move(r.predictions);
  }

  /// Predictions and report of `texts`.
  SolverRun<NerPrediction> run(const std::vector<std::string>& texts) const {
    const auto& o = core_.options();
    std::vector<std::string> prompts;
    prompts.reserve(texts.size());
    for (const auto& t : texts) prompts.push_back(ner_solving_prompt(*o.templates, o.description, t));
    return core_.run_batch<NerPrediction>(prompts, [&](std::size_t i, const llm::ChatResponse& response,
                                                       SolverRun<NerPrediction>& run, const std::string& where,
                                                       const std::string& cut) {
      const auto parsed = parse_ner_answer(response.content, texts[i], types_);
      if (!parsed) {
        run.report.add(i, "parse_failure", where, parsed.message() + cut);
        return;
      }
      run.predictions[i].entities = parsed.value().entities;
      for (const auto& issue : parsed.value().issues) {
        run.report.add(i, "dropped_entity", where + ", entity " + std::to_string(issue.index), issue.code + ": " + issue.detail);
      }
    });
  }

  /// The report of the last predict() call.
  DataReport last_report() const { return core_.last(); }

 private:
  static LabelSet checked_types(const std::vector<std::string>& types) {
    if (types.empty()) throw UsageError(74, "an LLM NER solver needs the entity types (LlmSolverOptions::description.labels)");
    return LabelSet(types);
  }

  detail::LlmSolverCore core_;
  LabelSet types_;
};

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_SOLVERS_LLM_SOLVERS_HPP

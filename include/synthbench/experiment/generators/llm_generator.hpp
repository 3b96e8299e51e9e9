#ifndef SYNTHBENCH_EXPERIMENT_GENERATORS_LLM_GENERATOR_HPP
#define SYNTHBENCH_EXPERIMENT_GENERATORS_LLM_GENERATOR_HPP

/// @file
/// LLM-backed generators (METHOD.md, step 1): prompt an LLM for new examples of a task,
/// parse its answers, reject what is invalid, deduplicate, and repeat until N valid items or
/// a bound is reached.
///
/// **Rounds.** A round sends ceil(missing / items_per_request) requests (at most
/// max_requests_per_round) in one `ChatClient::complete_batch(requests, max_in_flight)`.
/// Request r (numbered 0, 1, 2, ... over the whole run) shows the examples
/// `sampler(request, r)` returns, so every request can show different real examples, and
/// asks for items_per_request items. Answers are processed in request order, so the result
/// depends only on the client's answers (a cassette replays it exactly). Generation stops
/// when N items are accepted, after max_rounds rounds, or when max_requests requests have
/// been sent; then the dataset holds what was accepted and a "shortfall" issue says how
/// many are missing. It never loops forever. An error that says the run itself is wrong (a
/// cassette miss, the spending guard; llm::is_run_failure) is rethrown after the batch.
///
/// A request with n > 1 (ChatSettings' extra) gets several choices; each is read in order as
/// one more answer to that request (llm::split_choices).
///
/// **What is rejected**, each a DataIssue (item = the request's number, where = "request r"
/// or "request r, line L" of its answer, detail = "code: what"):
///
/// | kind | when |
/// | --- | --- |
/// | refusal, content_filter, tool_calls | the call ended in that outcome (llm/outcome.hpp) instead of an answer; detail: the refusal, what the filter left, the tools called |
/// | provider_error, transient_failure | the call failed at the provider (a 4xx for this request, a 2xx that is no completion) or on the way (429, 5xx, timeout, after the retries); detail: the error |
/// | failed_request | the client threw for the request (a client of its own, a test double); detail: the error |
/// | parse_failure | the answer (or a length-truncated one), or a part of it, could not be read as records (reasons of llm::extract_json_records: empty, no_json, invalid_json, truncated, ...) |
/// | invalid_item | a record broke the task's rules (parse_generated_items: missing_field, unknown_label, out_of_range, entity_not_found, ...) |
/// | copied_example | the item repeats an example shown in a prompt (the benchmark would test memory of the prompt) |
/// | duplicate | the item repeats an item already accepted |
/// | shortfall | fewer than N items after the bounds (one issue at the end) |
///
/// **Duplicates** are found by a normalized text (dedup_text): simple case folding
/// (detail/case_fold.hpp), runs of whitespace collapsed to one space, and leading and
/// trailing whitespace and ASCII punctuation (. , ; : ! ? " ' ` ( ) [ ]) removed. Intent and
/// NER items compare their text (the same utterance with another label is still a
/// duplicate: the first one wins); similarity items compare their pair of texts in either
/// order. Valid items beyond N are not kept (and are not issues); the dataset's `source`
/// says how many.

#include <algorithm>   // std::min
#include <cstddef>     // std::size_t
#include <cstdint>     // std::int64_t
#include <exception>   // std::rethrow_exception
#include <functional>  // std::function
#include <memory>      // std::shared_ptr, std::make_shared
#include <set>         // std::set
#include <string>      // std::string, std::to_string
#include <type_traits> // std::is_same_v
#include <utility>     // std::move, std::swap
#include <vector>      // std::vector

#include "synthbench/detail/case_fold.hpp"         // detail::fold_case
#include "synthbench/error.hpp"                    // UsageError
#include "synthbench/experiment/dataset.hpp"       // Dataset, DataReport
#include "synthbench/experiment/generator.hpp"     // Generator, GenerationRequest
#include "synthbench/experiment/items.hpp"         // IntentItem, SimilarityItem, NerItem
#include "synthbench/experiment/output_parsers.hpp"  // parse_generated_items, ItemRules, LabelSet
#include "synthbench/experiment/prompts.hpp"       // PromptTemplates, TaskDescription, ChatSettings, generation_prompt
#include "synthbench/experiment/sampling.hpp"      // examples_per_intent, examples_per_score, random_examples
#include "synthbench/llm/batch_errors.hpp"         // llm::is_run_failure
#include "synthbench/experiment/call_outcomes.hpp"  // detail::not_answered
#include "synthbench/llm/client.hpp"               // llm::ChatClient, llm::BatchResult
#include "synthbench/llm/outcome.hpp"              // llm::Outcome, llm::split_choices (chat.hpp)
#include "synthbench/stats/random.hpp"             // stats::derive_seed
#include "synthbench/version.hpp"                  // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN

/// The real examples request `request_index` (0, 1, 2, ... over a generation run) shows.
/// study_example_sampler() is the study's choice (experiment/sampling.hpp: k per intent, per
/// score bucket, or at random, seeded by the request's seed and index); any deterministic
/// function will do.
template <class Item>
using ExampleSampler = std::function<std::vector<Item>(const GenerationRequest<Item>& request, std::size_t request_index)>;

/// The study's example choice (METHOD.md, step 1), from GenerationRequest::examples: k
/// examples per intent (intent), k per score bucket 0..5 (similarity), k at random (NER).
/// Request r draws with the seed stats::derive_seed(request.seed, "request r"), so every
/// request shows other examples and a run is reproducible on every platform. No examples
/// (a null GenerationRequest::examples): an empty list.
template <class Item>
ExampleSampler<Item> study_example_sampler() {
  return [](const GenerationRequest<Item>& request, std::size_t request_index) {
    std::vector<Item> out;
    if (request.examples == nullptr) return out;
    const Dataset<Item>& examples = *request.examples;
    const std::uint64_t seed = stats::derive_seed(request.seed, "request " + std::to_string(request_index));
    std::vector<std::size_t> chosen;
    if constexpr (std::is_same_v<Item, IntentItem>) {
      chosen = examples_per_intent(examples, request.k, seed).indices;
    } else if constexpr (std::is_same_v<Item, SimilarityItem>) {
      chosen = examples_per_score(examples, request.k, seed).indices;
    } else {
      chosen = random_examples(examples, request.k, seed);
    }
    out.reserve(chosen.size());
    for (const auto i : chosen) out.push_back(examples.items[i]);
    return out;
  };
}

/// How an LLM generator asks and when it stops.
struct LlmGeneratorOptions {
  /// The generator's name in score tables; empty: the model's name.
  std::string name;
  /// Model and sampling. When `seed` is set, request r is sent with seed + r, so that
  /// requests with equal prompts still differ.
  ChatSettings settings;
  /// Domain, guidelines, labels and descriptions; GenerationRequest::domain and ::labels
  /// replace `domain` and `labels` when not empty.
  TaskDescription description;
  /// Items asked for by each request (the prompt's {{count}}).
  std::size_t items_per_request = 10;
  /// Requests sent at most in one round (one complete_batch call).
  std::size_t max_requests_per_round = 32;
  /// Requests running at once within a round.
  std::size_t max_in_flight = 4;
  /// Rounds at most.
  std::size_t max_rounds = 5;
  /// Requests at most over the run; 0: no bound but max_rounds x max_requests_per_round.
  std::size_t max_requests = 0;
  /// Reject items that repeat an example shown in a prompt.
  bool reject_copied_examples = true;
  /// The similarity score scale (similarity items outside it are invalid).
  ScoreScale scale;
  /// The prompt templates; null: PromptTemplates(default_prompt_directory()), made when the
  /// generator is constructed.
  std::shared_ptr<const PromptTemplates> templates;
};

/// `text` normalized for duplicate detection (see the file comment).
inline std::string dedup_text(const std::string& text) {
  const std::string folded = detail::fold_case(text);
  std::string collapsed;
  bool space = false;
  for (const char c : folded) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = true;
      continue;
    }
    if (space && !collapsed.empty()) collapsed += ' ';
    space = false;
    collapsed += c;
  }
  const auto strip = [](char c) {
    return c == ' ' || c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '"' || c == '\'' ||
           c == '`' || c == '(' || c == ')' || c == '[' || c == ']';
  };
  std::size_t b = 0;
  std::size_t e = collapsed.size();
  while (b < e && strip(collapsed[b])) ++b;
  while (e > b && strip(collapsed[e - 1])) --e;
  return collapsed.substr(b, e - b);
}

/// The duplicate key of an intent item: its normalized text.
inline std::string dedup_key(const IntentItem& item) { return dedup_text(item.text); }
/// The duplicate key of a NER item: its normalized text.
inline std::string dedup_key(const NerItem& item) { return dedup_text(item.text); }
/// The duplicate key of a similarity item: its normalized texts, in sorted order.
inline std::string dedup_key(const SimilarityItem& item) {
  std::string a = dedup_text(item.text1);
  std::string b = dedup_text(item.text2);
  if (b < a) std::swap(a, b);
  return a + '\x1f' + b;
}

/// A generator that asks an LLM for items of the task of `Item` (IntentItem, SimilarityItem
/// or NerItem). See the file comment.
template <class Item>
class LlmGenerator : public Generator<Item> {
 public:
  /// A generator asking `client` (which must outlive it), showing the examples `sampler`
  /// picks. Throws UsageError synthbench.usage.73 for a null sampler or a zero in
  /// items_per_request, max_requests_per_round, max_in_flight or max_rounds, and .72 for an
  /// empty model.
  LlmGenerator(llm::ChatClient& client, ExampleSampler<Item> sampler, LlmGeneratorOptions options)
      : client_(client), sampler_(std::move(sampler)), options_(std::move(options)) {
    if (!sampler_) throw UsageError(73, "an LLM generator needs an example sampler");
    const auto positive = [](std::size_t v, const char* what) {
      if (v == 0) throw UsageError(73, std::string("LlmGeneratorOptions::") + what + " must be at least 1");
    };
    positive(options_.items_per_request, "items_per_request");
    positive(options_.max_requests_per_round, "max_requests_per_round");
    positive(options_.max_in_flight, "max_in_flight");
    positive(options_.max_rounds, "max_rounds");
    if (options_.settings.model.empty()) throw UsageError(72, "LlmGeneratorOptions::settings.model is empty: name the model to ask");
    if (!options_.templates) options_.templates = std::make_shared<PromptTemplates>();
  }

  /// The options' name, else the model's.
  std::string name() const override { return options_.name.empty() ? options_.settings.model : options_.name; }

  /// Generates up to request.count items (see the file comment). Throws UsageError
  /// synthbench.usage.74 when an intent or NER generation has no labels, what the prompt
  /// templates throw (a missing or malformed file), and the errors that end a run
  /// (llm::is_run_failure: a cassette miss, ...); other failed requests are issues.
  Dataset<Item> generate(const GenerationRequest<Item>& request) override {
    constexpr Task task = task_of<Item>();
    TaskDescription description = options_.description;
    if (!request.domain.empty()) description.domain = request.domain;
    if (!request.labels.empty()) description.labels = request.labels;
    if (task != Task::similarity && description.labels.empty()) {
      throw UsageError(74, std::string("generating ") + to_string(task) + " items needs the " +
                               (task == Task::intent ? "intents" : "entity types") +
                               " (GenerationRequest::labels or TaskDescription::labels)");
    }
    ItemRules rules;
    if (task != Task::similarity) rules.labels = LabelSet(description.labels);
    rules.scale = options_.scale;

    Dataset<Item> out;
    out.name = name();
    std::set<std::string> accepted;
    std::set<std::string> shown;
    std::size_t next_request = 0;
    std::size_t rounds = 0;
    std::size_t surplus = 0;
    const std::size_t max_requests =
        options_.max_requests != 0 ? options_.max_requests : options_.max_rounds * options_.max_requests_per_round;
    while (out.items.size() < request.count && rounds < options_.max_rounds && next_request < max_requests) {
      const std::size_t missing = request.count - out.items.size();
      std::size_t n = (missing + options_.items_per_request - 1) / options_.items_per_request;
      n = std::min(n, options_.max_requests_per_round);
      n = std::min(n, max_requests - next_request);
      std::vector<llm::ChatRequest> requests;
      requests.reserve(n);
      for (std::size_t r = 0; r < n; ++r) {
        const std::size_t index = next_request + r;
        const std::vector<Item> examples = sampler_(request, index);
        for (const auto& e : examples) shown.insert(dedup_key(e));
        llm::ChatRequest chat =
            make_chat_request(options_.settings, generation_prompt(*options_.templates, description, examples, options_.items_per_request));
        if (options_.settings.seed) chat.seed = *options_.settings.seed + static_cast<std::int64_t>(index);
        requests.push_back(std::move(chat));
      }
      const std::vector<llm::BatchResult> results = client_.complete_batch(requests, options_.max_in_flight);
      for (const auto& result : results) {
        if (llm::is_run_failure(result.error)) std::rethrow_exception(result.error);
      }
      for (std::size_t r = 0; r < results.size(); ++r) {
        const std::size_t index = next_request + r;
        const std::string where = "request " + std::to_string(index);
        if (!results[r].ok()) {
          out.report.add(index, "failed_request", where, results[r].error_message);
          continue;
        }
        // Every choice of the answer (a request with n > 1 gets several) is read in order.
        for (const llm::ChatResponse& response : llm::split_choices(*results[r].response)) {
          if (response.outcome != llm::Outcome::answer && response.outcome != llm::Outcome::length) {
            out.report.add(index, llm::to_string(response.outcome), where, detail::not_answered(response));
            continue;
          }
          const auto parsed = parse_generated_items<Item>(response.content, rules);
          const bool truncated = response.outcome == llm::Outcome::length || response.finish_reason == "length";
          const std::string cut = truncated ? " (the answer hit max_tokens)" : "";
          if (!parsed) {
            out.report.add(index, "parse_failure", where, parsed.message() + cut);
            continue;
          }
          for (const auto& issue : parsed.value().issues) {
            const bool reading = issue.code == "invalid_json" || issue.code == "truncated" || issue.code == "duplicate_key" ||
                                 issue.code == "not_an_object";
            out.report.add(index, reading ? "parse_failure" : "invalid_item", where + ", " + issue.where,
                           issue.code + ": " + issue.detail + (issue.code == "truncated" ? cut : ""));
          }
          const auto& items = parsed.value().items;
          for (std::size_t k = 0; k < items.size(); ++k) {
            const std::string at = where + ", line " + std::to_string(parsed.value().lines[k]);
            const std::string key = dedup_key(items[k]);
            if (options_.reject_copied_examples && shown.count(key) != 0) {
              out.report.add(index, "copied_example", at, "repeats an example shown in a prompt: " + detail::quote_answer(text_of(items[k])));
            } else if (accepted.count(key) != 0) {
              out.report.add(index, "duplicate", at, "repeats an accepted item: " + detail::quote_answer(text_of(items[k])));
            } else if (out.items.size() < request.count) {
              accepted.insert(key);
              out.items.push_back(items[k]);
            } else {
              ++surplus;
            }
          }
        }
      }
      next_request += n;
      ++rounds;
    }
    if (out.items.size() < request.count) {
      out.report.add(out.items.size(), "shortfall", "",
                     std::to_string(out.items.size()) + " of " + std::to_string(request.count) + " items after " +
                         std::to_string(rounds) + " round(s) and " + std::to_string(next_request) + " request(s) (max_rounds " +
                         std::to_string(options_.max_rounds) + ", max_requests " + std::to_string(max_requests) + ")");
    }
    out.source = "generated by " + options_.settings.model + ": " + std::to_string(out.items.size()) + " items from " +
                 std::to_string(next_request) + " request(s) in " + std::to_string(rounds) + " round(s)" +
                 (surplus > 0 ? "; " + std::to_string(surplus) + " valid item(s) beyond the " + std::to_string(request.count) +
                                    " asked for were not kept"
                              : "");
    return out;
  }

  /// The options in use (with the templates filled in).
  const LlmGeneratorOptions& options() const noexcept { return options_; }

 private:
  static const std::string& text_of(const IntentItem& i) { return i.text; }
  static const std::string& text_of(const NerItem& i) { return i.text; }
  static std::string text_of(const SimilarityItem& i) { return i.text1 + " | " + i.text2; }

  llm::ChatClient& client_;
  ExampleSampler<Item> sampler_;
  LlmGeneratorOptions options_;
};

/// Generates intent items.
using LlmIntentGenerator = LlmGenerator<IntentItem>;
/// Generates similarity items.
using LlmSimilarityGenerator = LlmGenerator<SimilarityItem>;
/// Generates NER items.
using LlmNerGenerator = LlmGenerator<NerItem>;

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_GENERATORS_LLM_GENERATOR_HPP

#ifndef SYNTHBENCH_EXPERIMENT_PROMPTS_HPP
#define SYNTHBENCH_EXPERIMENT_PROMPTS_HPP

/// @file
/// The generation and solving prompts of the three tasks, rendered into chat requests.
///
/// Prompts are text files (users edit them without recompiling), one per task and purpose,
/// in a template directory: `<task>_generate.txt` and `<task>_solve.txt` for task intent,
/// similarity and ner (fixtures/prompts/ holds synthbench's; docs/llm-outputs.md shows
/// them). The directory is given in code, else `$SYNTHBENCH_PROMPT_DIR`, else
/// `fixtures/prompts` relative to the working directory. A PromptTemplates reads each file
/// once, on first use, and keeps it: create a new one to see an edited file. The rendered
/// prompt is part of the cassette key, so an edited template replays as a miss, never as a
/// stale answer (tests/unit/experiment/prompts_test.cpp proves it).
///
/// **Placeholders** (llm/prompt_template.hpp syntax, `{{name}}`):
///
/// | template | may use | must use |
/// | --- | --- | --- |
/// | intent_generate | domain, guidelines, labels, examples, count | examples |
/// | similarity_generate | domain, guidelines, examples, count | examples |
/// | ner_generate | domain, guidelines, types, examples, count | examples |
/// | intent_solve | domain, guidelines, labels, text | text |
/// | similarity_solve | domain, guidelines, text1, text2 | text1, text2 |
/// | ner_solve | domain, guidelines, types, text | text |
///
/// A template that uses another name, or lacks a required one, is rejected when loaded
/// (InputError 701, 702) rather than rendered wrong. `labels` and `types` render one line
/// per name, "- name: description" when a description is known; `examples` renders one JSON
/// object per line in the format the generation prompt asks for, so that examples and
/// output description agree.

#include <cstddef>     // std::size_t
#include <cstdint>     // std::int64_t
#include <cstdlib>     // std::getenv
#include <filesystem>  // std::filesystem::path
#include <map>         // std::map
#include <mutex>       // std::mutex, std::lock_guard
#include <optional>    // std::optional
#include <set>         // std::set
#include <string>      // std::string
#include <utility>     // std::move
#include <vector>      // std::vector

#include <nlohmann/json.hpp>  // nlohmann::json

#include "synthbench/detail/utf8.hpp"               // detail::Utf8Index
#include "synthbench/error.hpp"                     // InputError, UsageError
#include "synthbench/experiment/experiment.hpp"     // Task, to_string(Task)
#include "synthbench/experiment/items.hpp"          // IntentItem, SimilarityItem, NerItem
#include "synthbench/llm/chat.hpp"                  // llm::ChatRequest
#include "synthbench/llm/prompt_template.hpp"       // llm::PromptTemplate
#include "synthbench/version.hpp"                   // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN

/// What a prompt says about the data: the dataset-specific parts of the task description.
struct TaskDescription {
  /// Where the texts come from, shown as "Domain: ..." in the prompts: "requests to a voice
  /// assistant", "news headlines", "Wikipedia sentences about politics". Empty: the task's
  /// default (default_domain).
  std::string domain;
  /// The dataset's annotation guidelines. Empty: the task's default (default_guidelines).
  std::string guidelines;
  /// The intents (intent) or entity types (NER), in the order to show; unused for similarity.
  std::vector<std::string> labels;
  /// Descriptions of labels, where known ("AddToPlaylist" -> "add a song or an artist to a playlist").
  std::map<std::string, std::string> descriptions;
};

/// The domain used when TaskDescription::domain is empty.
inline const char* default_domain(Task task) noexcept {
  switch (task) {
    case Task::intent: return "requests a user makes to a voice assistant or a chatbot";
    case Task::similarity: return "pairs of English sentences";
    case Task::ner: return "English text";
  }
  return "texts";
}

/// The guidelines used when TaskDescription::guidelines is empty.
inline const char* default_guidelines(Task task) noexcept {
  switch (task) {
    case Task::intent: return "Each utterance has exactly one intent: the one that best describes what the user wants.";
    case Task::similarity: return "Rate the meaning of the sentences, not their wording.";
    case Task::ner:
      return "An entity is a name of a specific thing of one of the listed types. Mark the longest name "
             "(\"New York City\", not \"New York\"), and do not mark common nouns or pronouns.";
  }
  return "";
}

/// Model and sampling parameters of the requests a generator or solver sends.
struct ChatSettings {
  std::string model;                         ///< the model name the server knows (required)
  std::optional<double> temperature;         ///< sampling temperature (not sent when unset)
  std::optional<std::int64_t> max_tokens;    ///< completion length limit (not sent when unset)
  std::optional<std::int64_t> seed;          ///< the provider's determinism seed (not sent when unset)
  nlohmann::json response_format;            ///< e.g. {"type": "json_object"}; null: not sent
  std::string system;                        ///< a system message before the prompt; "": none
};

/// A chat request of one user message `prompt` (after `settings.system`, when set). Throws
/// UsageError synthbench.usage.72 when the model is empty.
inline llm::ChatRequest make_chat_request(const ChatSettings& settings, std::string prompt) {
  if (settings.model.empty()) throw UsageError(72, "ChatSettings::model is empty: name the model to ask");
  llm::ChatRequest r;
  r.model = settings.model;
  if (!settings.system.empty()) r.messages.push_back({"system", settings.system, nlohmann::json::object()});
  r.messages.push_back({"user", std::move(prompt), nlohmann::json::object()});
  r.temperature = settings.temperature;
  r.max_tokens = settings.max_tokens;
  r.seed = settings.seed;
  r.response_format = settings.response_format;
  return r;
}

/// The template directory: $SYNTHBENCH_PROMPT_DIR when set and not empty, else
/// "fixtures/prompts" (relative to the working directory). Read at call time.
inline std::filesystem::path default_prompt_directory() {
  const char* env = std::getenv("SYNTHBENCH_PROMPT_DIR");
  if (env != nullptr && *env != '\0') return env;
  return "fixtures/prompts";
}

/// Which prompt of a task.
enum class PromptKind { generate, solve };

/// The six prompt templates of a directory, each read once, on first use (thread-safe).
class PromptTemplates {
 public:
  /// Templates from `directory` (default_prompt_directory() when not given).
  explicit PromptTemplates(std::filesystem::path directory = default_prompt_directory()) : directory_(std::move(directory)) {}

  PromptTemplates(const PromptTemplates&) = delete;
  PromptTemplates& operator=(const PromptTemplates&) = delete;

  /// The directory the templates come from.
  const std::filesystem::path& directory() const noexcept { return directory_; }

  /// The file of a template: "<directory>/<task>_<generate|solve>.txt".
  std::filesystem::path path(Task task, PromptKind kind) const {
    return directory_ / (std::string(to_string(task)) + (kind == PromptKind::generate ? "_generate.txt" : "_solve.txt"));
  }

  /// The template of `task` and `kind`, read and checked on first use. Throws IoError when
  /// the file cannot be read, InputError 601 for a malformed placeholder, 701 for a
  /// placeholder the task does not provide, 702 when a required one is missing (the file
  /// is read again on the next call after a failure).
  const llm::PromptTemplate& get(Task task, PromptKind kind) const {
    Slot& slot = slots_[index(task, kind)];
    std::lock_guard<std::mutex> lock(slot.mutex);
    if (!slot.loaded) {
      const auto file = path(task, kind);
      llm::PromptTemplate t = llm::PromptTemplate::load(file);
      check(t, task, kind, file.string());
      slot.loaded = std::move(t);
    }
    return *slot.loaded;
  }

  /// The placeholders a template of `task` and `kind` may use.
  static std::vector<std::string> allowed_placeholders(Task task, PromptKind kind) {
    std::vector<std::string> names = {"domain", "guidelines"};
    if (task == Task::intent) names.emplace_back("labels");
    if (task == Task::ner) names.emplace_back("types");
    if (kind == PromptKind::generate) {
      names.emplace_back("examples");
      names.emplace_back("count");
    } else if (task == Task::similarity) {
      names.emplace_back("text1");
      names.emplace_back("text2");
    } else {
      names.emplace_back("text");
    }
    return names;
  }

  /// The placeholders a template of `task` and `kind` must use.
  static std::vector<std::string> required_placeholders(Task task, PromptKind kind) {
    if (kind == PromptKind::generate) return {"examples"};
    if (task == Task::similarity) return {"text1", "text2"};
    return {"text"};
  }

 private:
  struct Slot {
    std::mutex mutex;
    std::optional<llm::PromptTemplate> loaded;
  };

  static std::size_t index(Task task, PromptKind kind) {
    const std::size_t t = task == Task::intent ? 0 : (task == Task::similarity ? 1 : 2);
    return t * 2 + (kind == PromptKind::generate ? 0 : 1);
  }

  static std::string join(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
  }

  static void check(const llm::PromptTemplate& t, Task task, PromptKind kind, const std::string& file) {
    const auto allowed = allowed_placeholders(task, kind);
    const std::set<std::string> allowed_set(allowed.begin(), allowed.end());
    for (const auto& name : t.placeholders()) {
      if (allowed_set.count(name) == 0) {
        throw InputError(701, file, "", "the placeholder {{" + name + "}} is not one this prompt provides (it may use: " +
                                            join(allowed) + ")");
      }
    }
    const std::set<std::string> used(t.placeholders().begin(), t.placeholders().end());
    for (const auto& name : required_placeholders(task, kind)) {
      if (used.count(name) == 0) throw InputError(702, file, "", "the prompt must use the placeholder {{" + name + "}}");
    }
  }

  std::filesystem::path directory_;
  mutable Slot slots_[6];
};

namespace detail {

/// A JSON string, with bytes that are not UTF-8 replaced by U+FFFD (nlohmann would throw).
inline std::string json_text(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

/// "- name" or "- name: description" per line.
inline std::string label_lines(const TaskDescription& d) {
  std::string out;
  for (const auto& label : d.labels) {
    out += (out.empty() ? "- " : "\n- ") + label;
    const auto it = d.descriptions.find(label);
    if (it != d.descriptions.end() && !it->second.empty()) out += ": " + it->second;
  }
  return out;
}

/// The values of the placeholders that `t` uses, from `all`.
inline std::map<std::string, std::string> used_values(const llm::PromptTemplate& t, std::map<std::string, std::string> all) {
  std::map<std::string, std::string> out;
  for (const auto& name : t.placeholders()) out[name] = std::move(all[name]);
  return out;
}

/// domain, guidelines and labels/types of a description.
inline std::map<std::string, std::string> description_values(Task task, const TaskDescription& d) {
  std::map<std::string, std::string> v;
  v["domain"] = d.domain.empty() ? default_domain(task) : d.domain;
  v["guidelines"] = d.guidelines.empty() ? default_guidelines(task) : d.guidelines;
  v[task == Task::ner ? "types" : "labels"] = label_lines(d);
  return v;
}

}  // namespace detail

/// One example as the generation prompt's output format writes it:
/// {"text": "...", "label": "..."} (members in that order, a space after ':' and ',').
inline std::string format_example(const IntentItem& item) {
  return "{\"text\": " + detail::json_text(item.text) + ", \"label\": " + detail::json_text(item.label) + "}";
}
/// {"text1": "...", "text2": "...", "score": 3.8}.
inline std::string format_example(const SimilarityItem& item) {
  return "{\"text1\": " + detail::json_text(item.text1) + ", \"text2\": " + detail::json_text(item.text2) +
         ", \"score\": " + detail::json_text(item.score) + "}";
}
/// {"text": "...", "entities": [{"text": "...", "type": "..."}]}; an entity's text is its
/// `text` when given, else the characters its offsets cover.
inline std::string format_example(const NerItem& item) {
  std::string entities;
  detail::Utf8Index index(item.text);
  for (const auto& e : item.entities) {
    std::string text;
    if (e.text) {
      text = *e.text;
    } else {
      const std::size_t end = e.end < index.length() ? e.end : index.length();
      text = index.substr(e.start < end ? e.start : end, end);
    }
    entities += (entities.empty() ? "" : ", ") + std::string("{\"text\": ") + detail::json_text(text) +
                ", \"type\": " + detail::json_text(e.type) + "}";
  }
  return "{\"text\": " + detail::json_text(item.text) + ", \"entities\": [" + entities + "]}";
}

/// The examples as JSON Lines (format_example per item).
template <class Item>
std::string format_examples(const std::vector<Item>& examples) {
  std::string out;
  for (const auto& e : examples) out += (out.empty() ? "" : "\n") + format_example(e);
  return out;
}

/// The task of an item type.
template <class Item>
constexpr Task task_of() noexcept;
/// Intent items belong to Task::intent.
template <>
constexpr Task task_of<IntentItem>() noexcept { return Task::intent; }
/// Similarity items belong to Task::similarity.
template <>
constexpr Task task_of<SimilarityItem>() noexcept { return Task::similarity; }
/// NER items belong to Task::ner.
template <>
constexpr Task task_of<NerItem>() noexcept { return Task::ner; }

/// The generation prompt of the task of `Item`, asking for `count` items like `examples`.
template <class Item>
std::string generation_prompt(const PromptTemplates& templates, const TaskDescription& description,
                              const std::vector<Item>& examples, std::size_t count) {
  constexpr Task task = task_of<Item>();
  const llm::PromptTemplate& t = templates.get(task, PromptKind::generate);
  auto values = detail::description_values(task, description);
  values["examples"] = format_examples(examples);
  values["count"] = std::to_string(count);
  return t.render(detail::used_values(t, std::move(values)));
}

/// The solving prompt of intent detection for utterance `text`.
inline std::string intent_solving_prompt(const PromptTemplates& templates, const TaskDescription& description,
                                         const std::string& text) {
  const llm::PromptTemplate& t = templates.get(Task::intent, PromptKind::solve);
  auto values = detail::description_values(Task::intent, description);
  values["text"] = text;
  return t.render(detail::used_values(t, std::move(values)));
}

/// The solving prompt of semantic text similarity for the pair (`text1`, `text2`).
inline std::string similarity_solving_prompt(const PromptTemplates& templates, const TaskDescription& description,
                                             const std::string& text1, const std::string& text2) {
  const llm::PromptTemplate& t = templates.get(Task::similarity, PromptKind::solve);
  auto values = detail::description_values(Task::similarity, description);
  values["text1"] = text1;
  values["text2"] = text2;
  return t.render(detail::used_values(t, std::move(values)));
}

/// The solving prompt of named entity recognition for sentence `text`.
inline std::string ner_solving_prompt(const PromptTemplates& templates, const TaskDescription& description,
                                      const std::string& text) {
  const llm::PromptTemplate& t = templates.get(Task::ner, PromptKind::solve);
  auto values = detail::description_values(Task::ner, description);
  values["text"] = text;
  return t.render(detail::used_values(t, std::move(values)));
}

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_PROMPTS_HPP

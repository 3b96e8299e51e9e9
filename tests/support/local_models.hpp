#ifndef SYNTHBENCH_TESTS_SUPPORT_LOCAL_MODELS_HPP
#define SYNTHBENCH_TESTS_SUPPORT_LOCAL_MODELS_HPP

// Local "models" for the local test server (local_chat_server.hpp): small deterministic
// programs that read synthbench's intent prompts (fixtures/prompts/intent_*.txt) and answer
// them the way chat models do, so that an LLM-backed experiment can be recorded on a machine
// without any LLM. None of them is a language model, and the server says so: every answer
// names its program as "synthbench-local-test-server/<name>" (DESIGN.md, Honesty).
//
// Solvers (the request's model is "local/<name>"): the five intent reference solvers,
// trained on the train split given to the constructor, each answering in its own style:
//
// | model | predicts with | answers like |
// | --- | --- | --- |
// | local/naive-bayes | NaiveBayesIntentSolver | {"intent": "PlayMusic"} |
// | local/tfidf-centroid | TfidfCentroidIntentSolver | The intent is PlayMusic. |
// | local/knn | KnnIntentSolver | a fenced JSON block with the label in lower case |
// | local/keyword | KeywordOverlapIntentSolver | Intent: PlayMusic |
// | local/majority | MajorityIntentSolver | {"intent": ...}, but a refusal for utterances with a digit (a parse failure) |
//
// Generators (same model names; two of them):
//
// | model | writes | answers like |
// | --- | --- | --- |
// | local/recombiner | the first half of one prompt example spliced onto the second half of another of the same intent, plus a politeness word | prose, then a fenced block of JSON lines; every 9th line has an intent outside the list |
// | local/keyword | the top keywords of the intent (the keyword solver's own list, from the train split) with a filler | one JSON array |
//
// local/keyword generates what its own solver reads best: the self-preference the study's
// bias factor measures, here by construction.
//
// The answers depend only on the request (model, prompt, seed), so recording twice gives the
// same cassette content.

#include <algorithm>  // std::sort, std::min
#include <cmath>      // std::log
#include <cstdint>    // std::uint64_t
#include <map>        // std::map
#include <memory>     // std::unique_ptr, std::make_unique
#include <mutex>      // std::mutex, std::lock_guard
#include <set>        // std::set
#include <stdexcept>  // std::invalid_argument
#include <string>     // std::string
#include <vector>     // std::vector

#include <nlohmann/json.hpp>

#include <synthbench/experiment/items.hpp>
#include <synthbench/experiment/solvers/intent_reference_solvers.hpp>
#include <synthbench/experiment/text_features.hpp>
#include <synthbench/llm/chat.hpp>
#include <synthbench/stats/random.hpp>

#include "support/local_chat_server.hpp"

namespace synthbench_test_support {

class LocalIntentModels {
 public:
  // What the server reports as the model of every answer of `name`.
  static std::string served_model(const std::string& name) { return std::string(LocalChatServer::model_name) + "/" + name; }

  // The model names (requests ask for "local/<name>").
  static std::vector<std::string> solver_models() {
    return {"local/naive-bayes", "local/tfidf-centroid", "local/knn", "local/keyword", "local/majority"};
  }
  static std::vector<std::string> generator_models() { return {"local/recombiner", "local/keyword"}; }

  explicit LocalIntentModels(const std::vector<synthbench::IntentItem>& train) {
    solvers_["naive-bayes"] = std::make_unique<synthbench::NaiveBayesIntentSolver>(train);
    solvers_["tfidf-centroid"] = std::make_unique<synthbench::TfidfCentroidIntentSolver>(train);
    solvers_["knn"] = std::make_unique<synthbench::KnnIntentSolver>(train);
    solvers_["keyword"] = std::make_unique<synthbench::KeywordOverlapIntentSolver>(train);
    solvers_["majority"] = std::make_unique<synthbench::MajorityIntentSolver>(train);
    keywords_ = top_keywords(train, 15);
  }

  // The server's answerer: LocalChatServer::Options::answerer = [&models](auto& r) { return models.answer(r); }.
  // Throws std::invalid_argument (the server answers 400) for an unknown model or a prompt
  // that is not one of synthbench's intent prompts.
  LocalChatServer::Reply answer(const synthbench::llm::ChatRequest& request) const {
    const std::string prefix = "local/";
    if (request.model.compare(0, prefix.size(), prefix) != 0) throw std::invalid_argument("unknown model '" + request.model + "'");
    const std::string name = request.model.substr(prefix.size());
    const std::string prompt = request.messages.empty() ? std::string() : request.messages.back().content;
    if (prompt.find("## Examples from the real data\n") != std::string::npos) {
      if (name == "recombiner") return {recombine(prompt, request.seed.value_or(0)), served_model(name)};
      if (name == "keyword") return {keyword_items(prompt, request.seed.value_or(0)), served_model(name)};
      throw std::invalid_argument("model '" + request.model + "' does not generate");
    }
    if (prompt.find("## Utterance\n") != std::string::npos) {
      const auto it = solvers_.find(name);
      if (it == solvers_.end()) throw std::invalid_argument("model '" + request.model + "' does not solve");
      const std::string text = section(prompt, "Utterance");
      std::string label;
      {
        std::lock_guard<std::mutex> lock(mutex_);  // the server answers from several threads
        label = it->second->predict({text}).front().label.value_or("");
      }
      return {styled(name, text, label), served_model(name)};
    }
    throw std::invalid_argument("not a synthbench intent prompt");
  }

 private:
  // The text after "## <heading>\n", up to the next "\n## " heading or the end, trimmed of
  // trailing newlines.
  static std::string section(const std::string& prompt, const std::string& heading) {
    const std::string marker = "## " + heading + "\n";
    const auto at = prompt.find(marker);
    if (at == std::string::npos) return {};
    const auto begin = at + marker.size();
    const auto end = prompt.find("\n## ", begin);
    std::string s = prompt.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s;
  }

  // "Write N new utterances" -> N.
  static std::size_t requested_count(const std::string& prompt) {
    const std::string marker = "Write ";
    const auto at = prompt.find(marker, prompt.find("## Generation guidelines"));
    if (at == std::string::npos) throw std::invalid_argument("the prompt does not say how many items to write");
    return static_cast<std::size_t>(std::stoul(prompt.substr(at + marker.size())));
  }

  // The "- Label" lines after "The intents are:".
  static std::vector<std::string> listed_labels(const std::string& prompt) {
    std::vector<std::string> labels;
    const auto at = prompt.find("The intents are:\n");
    if (at == std::string::npos) return labels;
    std::size_t pos = at + std::string("The intents are:\n").size();
    while (pos < prompt.size() && prompt.compare(pos, 2, "- ") == 0) {
      const auto end = prompt.find('\n', pos);
      std::string line = prompt.substr(pos + 2, end == std::string::npos ? std::string::npos : end - pos - 2);
      const auto colon = line.find(':');
      labels.push_back(colon == std::string::npos ? line : line.substr(0, colon));
      if (end == std::string::npos) break;
      pos = end + 1;
    }
    return labels;
  }

  // The prompt's examples, grouped by label.
  static std::map<std::string, std::vector<std::string>> prompt_examples(const std::string& prompt) {
    std::map<std::string, std::vector<std::string>> out;
    const std::string block = section(prompt, "Examples from the real data");
    std::size_t pos = 0;
    while (pos < block.size()) {
      const auto end = block.find('\n', pos);
      const std::string line = block.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
      const auto j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_object() && j.contains("text") && j.contains("label")) {
        out[j["label"].get<std::string>()].push_back(j["text"].get<std::string>());
      }
      if (end == std::string::npos) break;
      pos = end + 1;
    }
    return out;
  }

  static std::string join(const std::vector<std::string>& words, std::size_t from, std::size_t to) {
    std::string s;
    for (std::size_t i = from; i < to && i < words.size(); ++i) s += (s.empty() ? "" : " ") + words[i];
    return s;
  }

  static std::vector<std::string> split(const std::string& text) {
    std::vector<std::string> words;
    std::string w;
    for (const char c : text) {
      if (c == ' ') {
        if (!w.empty()) words.push_back(w);
        w.clear();
      } else {
        w += c;
      }
    }
    if (!w.empty()) words.push_back(w);
    return words;
  }

  // local/recombiner: see the file comment.
  static std::string recombine(const std::string& prompt, std::int64_t seed) {
    const auto examples = prompt_examples(prompt);
    std::vector<std::string> labels = listed_labels(prompt);
    if (examples.empty() || labels.empty()) throw std::invalid_argument("a generation prompt without examples or intents");
    const std::size_t n = requested_count(prompt);
    synthbench::stats::SplitMix64 random(static_cast<std::uint64_t>(seed));
    static const std::vector<std::string> extras = {"please", "right now", "for me", "thanks", "when you can", "quickly"};
    std::string lines;
    for (std::size_t j = 0; j < n; ++j) {
      const std::string& label = labels[(j + static_cast<std::size_t>(seed)) % labels.size()];
      const auto it = examples.find(label);
      nlohmann::json record;
      if (j % 9 == 8) {
        record = {{"text", "order a large pizza with extra cheese"}, {"label", "OrderFood"}};  // not an intent of the list
      } else if (it == examples.end()) {
        continue;  // no example of this intent in the prompt: nothing to recombine
      } else {
        const auto& texts = it->second;
        const auto a = split(texts[random.next() % texts.size()]);
        const auto b = split(texts[random.next() % texts.size()]);
        const std::string text = join(a, 0, (a.size() + 1) / 2) + " " + join(b, b.size() / 2, b.size()) + " " +
                                 extras[random.next() % extras.size()];
        record = {{"text", text}, {"label", label}};
      }
      lines += record.dump() + "\n";
    }
    return "Sure! Here are " + std::to_string(n) + " new utterances:\n\n```json\n" + lines + "```\nLet me know if you need more.";
  }

  // local/keyword as a generator: see the file comment.
  std::string keyword_items(const std::string& prompt, std::int64_t seed) const {
    const std::vector<std::string> labels = listed_labels(prompt);
    if (labels.empty()) throw std::invalid_argument("a generation prompt without intents");
    const std::size_t n = requested_count(prompt);
    synthbench::stats::SplitMix64 random(static_cast<std::uint64_t>(seed) ^ 0x6b6579776f7264ull);
    static const std::vector<std::string> fillers = {"the", "my", "some", "a bit of", "all the"};
    nlohmann::json items = nlohmann::json::array();
    for (std::size_t j = 0; j < n; ++j) {
      const std::string& label = labels[(j + static_cast<std::size_t>(seed)) % labels.size()];
      const auto it = keywords_.find(label);
      if (it == keywords_.end() || it->second.size() < 2) continue;
      const auto& words = it->second;
      const std::string first = words[random.next() % std::min<std::size_t>(words.size(), 6)];
      const std::string second = words[random.next() % words.size()];
      items.push_back({{"text", first + " " + fillers[random.next() % fillers.size()] + " " + second}, {"label", label}});
    }
    return items.dump();
  }

  // The answer of solver `name` predicting `label` for `text`, in its style.
  static std::string styled(const std::string& name, const std::string& text, const std::string& label) {
    if (name == "naive-bayes") return nlohmann::json{{"intent", label}}.dump();
    if (name == "tfidf-centroid") return "The intent is " + label + ".";
    if (name == "knn") {
      std::string lower;
      for (const char c : label) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      return "```json\n{\"intent\": \"" + lower + "\"}\n```";
    }
    if (name == "keyword") return "Intent: " + label;
    // majority
    if (text.find_first_of("0123456789") != std::string::npos) return "Sorry, I can only help with requests that have no numbers in them.";
    return nlohmann::json{{"intent", label}}.dump();
  }

  // The keywords KeywordOverlapIntentSolver keeps (same formula: count x log(K / classes
  // using the word), the top `per_class`), best first, per label.
  static std::map<std::string, std::vector<std::string>> top_keywords(const std::vector<synthbench::IntentItem>& train,
                                                                      std::size_t per_class) {
    std::map<std::string, std::map<std::string, double>> counts;
    for (const auto& item : train) {
      for (const auto& w : synthbench::text::tokenize(item.text)) counts[item.label][w] += 1.0;
    }
    std::map<std::string, double> classes_using;
    for (const auto& [label, c] : counts) {
      for (const auto& [w, n] : c) classes_using[w] += 1.0;
    }
    const double k = static_cast<double>(counts.size());
    std::map<std::string, std::vector<std::string>> out;
    for (const auto& [label, c] : counts) {
      std::vector<std::pair<double, std::string>> scored;
      for (const auto& [w, n] : c) scored.push_back({n * std::log(k / classes_using[w]), w});
      std::sort(scored.begin(), scored.end(),
                [](const auto& a, const auto& b) { return a.first > b.first || (a.first == b.first && a.second < b.second); });
      for (std::size_t i = 0; i < std::min(per_class, scored.size()); ++i) {
        if (scored[i].first > 0.0) out[label].push_back(scored[i].second);
      }
    }
    return out;
  }

  std::map<std::string, std::unique_ptr<synthbench::IntentSolver>> solvers_;
  std::map<std::string, std::vector<std::string>> keywords_;
  mutable std::mutex mutex_;
};

}  // namespace synthbench_test_support

#endif  // SYNTHBENCH_TESTS_SUPPORT_LOCAL_MODELS_HPP

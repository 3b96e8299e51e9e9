#ifndef SYNTHBENCH_EXPERIMENT_GENERATORS_PREGENERATED_HPP
#define SYNTHBENCH_EXPERIMENT_GENERATORS_PREGENERATED_HPP

/// @file
/// A generator whose synthetic data already exists as a file: the SG4NLP generated sets
/// (`generated/<dataset>/<generator>.k<K>.n<N>.jsonl`, ../shared/data/sg4nlp/README.md) are
/// exactly this. Its name is the generating model's; its dataset is the file's, loaded by the
/// JSON Lines loader of the task (experiment/loaders/jsonl.hpp) or by a loader you give, with
/// the loader's report of repairs, truncated to the request's count when asked to.
///
/// sg4nlp_generated_files(dir, "snips", 1) lists the generated files of a dataset for one k,
/// one per generator, and pregenerated_generators<Item>(dir, "snips", 1) builds their
/// generators in one call. The files are named `<generator>.k<K>.n<N>.jsonl`; generator names
/// contain dots ("Mixtral-8x22B-Instruct-v0.1"), so the name is parsed from the right. When a
/// generator has several files for one k (headlines has gpt-4o-mini.k1.n10 and .k1.n200), the
/// one with the largest N is taken. A file may hold fewer rows than its N says (tweet-news,
/// Meta-Llama-3-70B-Instruct, k2: 194 of 200): generate() then returns what there is and reports
/// it ("short_dataset").

#include <algorithm>   // std::sort
#include <cstddef>     // std::size_t
#include <filesystem>  // std::filesystem::path, directory_iterator
#include <functional>  // std::function
#include <map>         // std::map
#include <memory>      // std::unique_ptr, std::make_unique
#include <set>         // std::set
#include <string>      // std::string, std::stoul, std::to_string
#include <type_traits> // std::is_same_v
#include <utility>     // std::move
#include <vector>      // std::vector

#include "synthbench/error.hpp"                     // UsageError
#include "synthbench/experiment/dataset.hpp"        // Dataset, DataReport
#include "synthbench/experiment/generator.hpp"      // Generator, GenerationRequest
#include "synthbench/experiment/items.hpp"          // IntentItem, NerItem, SimilarityItem
#include "synthbench/experiment/loaders/jsonl.hpp"  // load_intent_jsonl, load_ner_jsonl, load_similarity_jsonl
#include "synthbench/experiment/sampling.hpp"       // first_items
#include "synthbench/version.hpp"                   // SYNTHBENCH_NAMESPACE_BEGIN/END

SYNTHBENCH_NAMESPACE_BEGIN

/// Loads the dataset of a file: (path, dataset name) -> dataset.
template <class Item>
using DatasetLoader = std::function<Dataset<Item>(const std::filesystem::path&, const std::string&)>;

/// The JSON Lines loader of the task of `Item` (intent, NER or similarity records).
template <class Item>
DatasetLoader<Item> jsonl_loader() {
  return [](const std::filesystem::path& path, const std::string& name) -> Dataset<Item> {
    if constexpr (std::is_same_v<Item, IntentItem>) {
      return load_intent_jsonl(path, name);
    } else if constexpr (std::is_same_v<Item, NerItem>) {
      return load_ner_jsonl(path, name);
    } else {
      static_assert(std::is_same_v<Item, SimilarityItem>, "no JSON Lines loader for this item type: pass a loader");
      return load_similarity_jsonl(path, name);
    }
  };
}

/// A generator that returns the dataset of a file.
template <class Item>
class PregeneratedGenerator : public Generator<Item> {
 public:
  /// The generator `name` ("gpt-4o") whose data is the file at `path`, read by `loader`.
  /// `truncate`: cut the dataset to the request's count (GenerationRequest::count).
  PregeneratedGenerator(std::string name, std::filesystem::path path, bool truncate = true,
                        DatasetLoader<Item> loader = jsonl_loader<Item>())
      : name_(std::move(name)), path_(std::move(path)), truncate_(truncate), loader_(std::move(loader)) {
    if (name_.empty()) throw UsageError(54, "a pregenerated generator needs a name (" + path_.string() + ")");
  }

  /// The generator's name, as given.
  std::string name() const override { return name_; }
  /// The file the data comes from.
  const std::filesystem::path& path() const noexcept { return path_; }

  /// The file's dataset, named name(), with the loader's report; its first `request.count`
  /// items when truncating (first_items), with a "short_dataset" issue when the file has fewer.
  /// Only `count` of the request is used: the data exists already. Loads the file on every call
  /// (IoError and InputError as the loader).
  Dataset<Item> generate(const GenerationRequest<Item>& request) override {
    Dataset<Item> d = loader_(path_, name_);
    d.name = name_;
    if (truncate_ && d.items.size() > request.count) d = first_items(d, request.count);
    if (d.items.size() < request.count) {
      d.report.add(d.items.size(), "short_dataset", "",
                   std::to_string(d.items.size()) + " items where " + std::to_string(request.count) +
                       " were requested (" + path_.filename().string() + ")");
    }
    return d;
  }

 private:
  std::string name_;
  std::filesystem::path path_;
  bool truncate_;
  DatasetLoader<Item> loader_;
};

/// One SG4NLP generated file.
struct GeneratedFile {
  std::string name;            ///< the generator (the generating model), e.g. "Meta-Llama-3-70B-Instruct"
  std::filesystem::path path;  ///< the .jsonl file
  std::size_t k = 0;           ///< examples per class / score / at random in the prompt
  std::size_t n = 0;           ///< items requested from the generator (the file may have fewer)
};

namespace detail {

/// Parses "<generator>.k<K>.n<N>.jsonl"; false when `file` is not so named.
inline bool parse_generated_name(const std::string& file, GeneratedFile& out) {
  const std::string suffix = ".jsonl";
  if (file.size() <= suffix.size() || file.compare(file.size() - suffix.size(), suffix.size(), suffix) != 0) return false;
  std::string rest = file.substr(0, file.size() - suffix.size());
  // Splits off ".<letter><digits>" from the right of `rest`.
  const auto take = [&rest](char letter, std::size_t& value) {
    const std::size_t dot = rest.rfind('.');
    if (dot == std::string::npos || dot + 2 > rest.size() || rest[dot + 1] != letter) return false;
    const std::string digits = rest.substr(dot + 2);
    if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos) return false;
    value = static_cast<std::size_t>(std::stoul(digits));
    rest.resize(dot);
    return true;
  };
  if (!take('n', out.n) || !take('k', out.k) || rest.empty()) return false;
  out.name = rest;
  return true;
}

}  // namespace detail

/// The generated files of `dataset` ("snips", "crossner_politics", ...) for prompts with `k`
/// examples, in `dir`/generated/`dataset`/ (`dir` is the SG4NLP data folder, e.g.
/// ../shared/data/sg4nlp): one per generator, sorted by generator name (bytes); the largest N
/// when a generator has several. Throws UsageError 51 when the folder does not exist (naming
/// the datasets that do), 52 when it has no file for `k` (naming the k it has).
inline std::vector<GeneratedFile> sg4nlp_generated_files(const std::filesystem::path& dir, const std::string& dataset,
                                                         std::size_t k) {
  const std::filesystem::path folder = dir / "generated" / dataset;
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec)) {
    std::set<std::string> known;
    for (const auto& entry : std::filesystem::directory_iterator(dir / "generated", ec)) {
      if (entry.is_directory(ec)) known.insert(entry.path().filename().string());
    }
    std::string list;
    for (const auto& name : known) list += (list.empty() ? "" : ", ") + name;
    throw UsageError(51, "no generated data for \"" + dataset + "\": " + folder.string() + " is not a folder" +
                             (list.empty() ? std::string(" (") + (dir / "generated").string() + " has no dataset folder)"
                                           : " (known datasets: " + list + ")"));
  }
  std::map<std::string, GeneratedFile> chosen;  // by generator name: sorted
  std::set<std::size_t> ks;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
    GeneratedFile f;
    if (!entry.is_regular_file(ec) || !detail::parse_generated_name(entry.path().filename().string(), f)) continue;
    ks.insert(f.k);
    if (f.k != k) continue;
    f.path = entry.path();
    auto it = chosen.find(f.name);
    if (it == chosen.end()) {
      chosen.emplace(f.name, std::move(f));
    } else if (f.n > it->second.n) {
      it->second = std::move(f);
    }
  }
  if (chosen.empty()) {
    std::string list;
    for (const auto value : ks) list += (list.empty() ? "" : ", ") + std::to_string(value);
    throw UsageError(52, "no generated file for \"" + dataset + "\" with k = " + std::to_string(k) + " in " +
                             folder.string() + (list.empty() ? " (no <generator>.k<K>.n<N>.jsonl file at all)"
                                                             : " (k available: " + list + ")"));
  }
  std::vector<GeneratedFile> files;
  for (auto& [name, f] : chosen) files.push_back(std::move(f));
  return files;
}

/// One PregeneratedGenerator per file of sg4nlp_generated_files(dir, dataset, k), in its order,
/// named after the generating models, reading the task's JSON Lines records.
template <class Item>
std::vector<std::unique_ptr<Generator<Item>>> pregenerated_generators(const std::filesystem::path& dir,
                                                                      const std::string& dataset, std::size_t k,
                                                                      bool truncate = true) {
  std::vector<std::unique_ptr<Generator<Item>>> generators;
  for (const auto& f : sg4nlp_generated_files(dir, dataset, k)) {
    generators.push_back(std::make_unique<PregeneratedGenerator<Item>>(f.name, f.path, truncate));
  }
  return generators;
}

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_GENERATORS_PREGENERATED_HPP

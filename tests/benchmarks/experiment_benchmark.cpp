// Experiment grid benchmarks (issue 5, item 10), each against a baseline measured in the same
// run, alternating with it in the same loop:
//
//  - BM_SeedStudyGrid: the whole real-data grid end to end, run_seed_study() on the six
//    datasets of the study (6 datasets x 7 data sources x 8 reference solvers x 200 items, in
//    its default, practitioner mode; the whole real test split is predicted once and the 200
//    items scored from it): loading and repairing every file, training the reference solvers on
//    the train splits, every solver on the real and the six generated sets, scoring, tables
//    (target < 2 s).
//    Baseline: reading the same input files and parsing each of their JSON records with
//    nlohmann::json alone. Counters: each dataset's time, the total, the baseline, "ratio".
//    Skipped with a message when the SG4NLP folder is absent ($SYNTHBENCH_DATA_DIR, else
//    ../shared/data/sg4nlp from the working directory, which is the source root under ctest).
//  - BM_LlmGridReplay: an LLM-backed grid of the same size replayed from cassettes: the same
//    six datasets (real test items and generated sets when the data is present, else items
//    synthesized here, six sources of each task kind), five zero-shot LLM solvers each
//    (llm_solvers.hpp, complete_batch with the default max_in_flight), 42,000 solver calls.
//    Set-up records one cassette per dataset, once per process, into a temporary folder
//    (/dev/shm when present: recording fsyncs a journal line per interaction) from an
//    in-process upstream (llm::FunctionClient) that knows the gold answers and errs at a rate
//    set per solver; its models are named "benchmark-scripted-upstream-<n>", not after any
//    real model. The timed part opens each cassette (read, strict parse, validation, index),
//    makes the solvers and runs run_experiment (prompts, replayed answers, parsing, scoring,
//    tables): target < 2 s. The data sets themselves are prepared in set-up (loading them is
//    what BM_SeedStudyGrid measures). Baseline: nlohmann::json::parse of the same six cassette
//    files. Every replay must give the tables the recording gave, replay every recorded
//    interaction and miss none. Counters: each dataset's time, replay_s split into open_s
//    (opening the cassettes), run_s (run_experiment; complete_batch_s of it in the replaying
//    client's complete_batch) and finish_s; calls, cassette_MB, us_per_call, record_s (the
//    set-up's recording), parse_failure_share (the scripted answers' unusable share),
//    real_data (1: the study's data), nlohmann_parse_s and "ratio" (replay / baseline).
//
// Both report the mean of 3 iterations of the whole grid (manual time: the grid alone, not
// the baseline or the checks).
//
// Sizes: SYNTHBENCH_BENCH_LLM_ITEMS items per data source (default 200). ctest's smoke run
// (--benchmark_min_time=0.001, even in a Debug or sanitizer build) uses 20 items per source
// and one iteration of each benchmark, with the real-data grid cut to 20 test items (its
// solvers still train on the whole train splits); the variable still wins when set.

#include <synthbench/cassette.hpp>
#include <synthbench/detail/files.hpp>
#include <synthbench/detail/utf8.hpp>
#include <synthbench/experiment.hpp>

#include <benchmark/benchmark.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace {

namespace sb = synthbench;
namespace cassette = synthbench::cassette;
namespace llm = synthbench::llm;

using Clock = std::chrono::steady_clock;

bool smoke_run = false;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

std::size_t env_size(const char* name, std::size_t fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? static_cast<std::size_t>(std::strtoull(v, nullptr, 10)) : fallback;
}

// Every score of every table and every count of unusable answers, as text: two runs that give
// the same digest gave the same results.
std::string digest(const sb::Experiment& e) {
  std::string out = e.name() + "\n";
  char number[40];
  for (const auto& metric : e.metric_names()) {
    const auto& table = e.scores(metric);
    out += metric + "\n";
    for (const auto& s : table.real()) {
      std::snprintf(number, sizeof number, "%.17g", s.score);
      out += " real " + s.approach + " " + number + "\n";
    }
    for (const auto& g : table.generator_names()) {
      for (const auto& s : table.synthetic(g)) {
        std::snprintf(number, sizeof number, "%.17g", s.score);
        out += " " + g + " " + s.approach + " " + number + "\n";
      }
    }
  }
  for (const auto& solver : e.solver_names()) {
    for (const auto& dataset : e.dataset_names()) {
      const auto& c = e.predictions(solver, dataset);
      out += solver + " " + dataset + " " + std::to_string(c.items) + " " + std::to_string(c.parse_failures) + " " +
             std::to_string(c.out_of_label_set) + "\n";
    }
  }
  return out;
}

// --- The real-data grid ------------------------------------------------------------------

bool is_intent(const std::string& dataset) { return dataset == "snips" || dataset == "atis"; }
bool is_ner(const std::string& dataset) { return dataset.rfind("crossner_", 0) == 0; }

sb::SeedStudyOptions seed_study_options() {
  sb::SeedStudyOptions o;
  if (smoke_run) o.test_items = 20;
  return o;
}

// The files run_seed_study(dataset) reads.
std::vector<std::filesystem::path> seed_study_inputs(const std::filesystem::path& dir, const std::string& dataset,
                                                     const sb::SeedStudyOptions& options) {
  const auto real = dir / "real" / dataset;
  std::vector<std::filesystem::path> files{real / "test.jsonl"};
  std::size_t k = options.k_similarity;
  if (is_intent(dataset)) {
    files.push_back(real / "train.jsonl");
    k = options.k_intent;
  } else if (is_ner(dataset)) {
    files.push_back(real / "train.jsonl");
    files.push_back(real / "labels.json");
    k = options.k_ner;
  }
  for (const auto& f : sb::sg4nlp_generated_files(dir, dataset, k)) files.push_back(f.path);
  return files;
}

// The baseline: read each file and parse each of its JSON records (a .jsonl line, or the
// whole .json file) with nlohmann::json. Returns the number of records.
std::size_t parse_inputs(const std::vector<std::filesystem::path>& files) {
  std::size_t records = 0;
  for (const auto& path : files) {
    const std::string text = sb::detail::read_file(path);
    if (path.extension() != ".jsonl") {
      benchmark::DoNotOptimize(nlohmann::json::parse(text).size());
      ++records;
      continue;
    }
    for (std::size_t begin = 0; begin < text.size();) {
      std::size_t end = text.find('\n', begin);
      if (end == std::string::npos) end = text.size();
      if (text.find_first_not_of(" \t\r", begin) < end) {
        benchmark::DoNotOptimize(nlohmann::json::parse(text.begin() + static_cast<std::ptrdiff_t>(begin),
                                                       text.begin() + static_cast<std::ptrdiff_t>(end))
                                     .size());
        ++records;
      }
      begin = end + 1;
    }
  }
  return records;
}

void BM_SeedStudyGrid(benchmark::State& state) {
  const auto dir = sb::sg4nlp_data_dir();
  if (!sb::seed_study_available(dir)) {
    state.SkipWithError(("SG4NLP data not found in '" + dir.string() +
                         "' (set SYNTHBENCH_DATA_DIR, or run from the source root next to ../shared): "
                         "the real-data grid is skipped")
                            .c_str());
    return;
  }
  const auto datasets = sb::seed_study_datasets();
  const auto options = seed_study_options();
  std::vector<std::filesystem::path> inputs;
  for (const auto& d : datasets) {
    for (auto& f : seed_study_inputs(dir, d, options)) inputs.push_back(std::move(f));
  }
  std::vector<double> each(datasets.size(), 0.0);
  double grid = 0.0;
  double baseline = 0.0;
  std::size_t records = 0;
  std::size_t cells = 0;
  for (auto _ : state) {
    double total = 0.0;
    for (std::size_t i = 0; i < datasets.size(); ++i) {
      const auto start = Clock::now();
      const sb::Experiment e = sb::run_seed_study(datasets[i], dir, options);
      const double t = seconds_since(start);
      cells = 0;
      for (const auto& m : e.metric_names()) cells += e.scores(m).real().size();
      benchmark::DoNotOptimize(cells);
      each[i] += t;
      total += t;
    }
    state.SetIterationTime(total);
    grid += total;
    const auto start = Clock::now();
    records = parse_inputs(inputs);
    baseline += seconds_since(start);
  }
  const double n = static_cast<double>(state.iterations());
  for (std::size_t i = 0; i < datasets.size(); ++i) state.counters[datasets[i] + "_ms"] = 1000.0 * each[i] / n;
  state.counters["grid_s"] = grid / n;
  state.counters["parse_inputs_s"] = baseline / n;
  state.counters["ratio"] = grid / baseline;
  state.counters["input_files"] = static_cast<double>(inputs.size());
  state.counters["input_records"] = static_cast<double>(records);
}

// --- The LLM-backed grid replayed from cassettes -----------------------------------------

constexpr std::size_t solver_count = 5;

std::string solver_model(std::size_t s) { return "benchmark-scripted-upstream-" + std::to_string(s + 1); }

// A generator whose dataset is prepared in advance.
template <class Item>
class FixedGenerator : public sb::Generator<Item> {
 public:
  explicit FixedGenerator(std::shared_ptr<const sb::Dataset<Item>> data) : data_(std::move(data)) {}
  std::string name() const override { return data_->name; }
  sb::Dataset<Item> generate(const sb::GenerationRequest<Item>&) override { return *data_; }

 private:
  std::shared_ptr<const sb::Dataset<Item>> data_;
};

// One dataset of the grid: its real items, six synthetic sets, and what the solvers are told.
template <class Item>
struct GridData {
  std::string name;
  std::shared_ptr<const sb::Dataset<Item>> real;
  std::vector<std::shared_ptr<const sb::Dataset<Item>>> generated;
  std::vector<std::string> labels;  // intents or entity types; empty for similarity
  std::string domain;

  std::size_t items() const {
    std::size_t n = real->items.size();
    for (const auto& g : generated) n += g->items.size();
    return n;
  }
};

template <class Item, class LlmSolver>
sb::Experiment run_llm_grid(const GridData<Item>& g, llm::ChatClient& client,
                            const std::shared_ptr<const sb::PromptTemplates>& templates) {
  sb::ExperimentSpec<Item> spec;
  spec.name = g.name;
  spec.real = *g.real;
  for (const auto& d : g.generated) spec.generators.push_back(std::make_shared<FixedGenerator<Item>>(d));
  for (std::size_t s = 0; s < solver_count; ++s) {
    sb::LlmSolverOptions o;
    o.settings.model = solver_model(s);
    o.settings.temperature = 0.0;
    o.description.domain = g.domain;
    o.description.labels = g.labels;
    o.templates = templates;
    spec.solvers.push_back(std::make_shared<LlmSolver>(client, std::move(o)));
  }
  spec.generation.labels = g.labels;
  spec.generation.domain = g.domain;
  spec.generation.count = g.real->items.size();
  return sb::run_experiment(spec);
}

// --- The scripted upstream: knows the gold answers, errs at a rate set per solver.

std::uint64_t fnv1a(const std::string& s, std::uint64_t h = 1469598103934665603ull) {
  for (const char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

// A number in [0, 1) from the model, the input and what it is drawn for.
double draw(const std::string& model, const std::string& input, const char* what) {
  const std::uint64_t h = fnv1a(what, fnv1a(input, fnv1a(model)));
  return static_cast<double>(h >> 11) * (1.0 / 9007199254740992.0);
}

struct Oracle {
  struct Intent {
    std::string label;
    const std::vector<std::string>* labels;
  };
  struct Ner {
    std::vector<sb::metrics::Entity> entities;
    const std::vector<std::string>* types;
  };
  std::unordered_map<std::string, Intent> intent;        // utterance -> gold
  std::unordered_map<std::string, Ner> ner;              // sentence -> gold
  std::unordered_map<std::string, double> similarity;    // text1 U+001F text2 -> gold
};

// What follows "## <heading>\n" in a prompt, up to `until` (or the end), without the final
// line breaks.
std::string prompt_section(const std::string& prompt, const std::string& heading, const std::string& until = {}) {
  const std::string marker = "## " + heading + "\n";
  const auto at = prompt.rfind(marker);
  if (at == std::string::npos) return {};
  const auto begin = at + marker.size();
  const auto end = until.empty() ? std::string::npos : prompt.find(until, begin);
  std::string s = prompt.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

std::size_t solver_index(const std::string& model) {
  const auto dash = model.rfind('-');
  const std::size_t n = dash == std::string::npos ? 1 : static_cast<std::size_t>(std::strtoul(model.c_str() + dash + 1, nullptr, 10));
  return n >= 1 && n <= solver_count ? n - 1 : solver_count - 1;
}

constexpr double accuracy[solver_count] = {0.92, 0.84, 0.75, 0.62, 0.48};
constexpr double unusable[solver_count] = {0.005, 0.01, 0.02, 0.04, 0.07};

std::string answer(const Oracle& oracle, const llm::ChatRequest& request) {
  const std::string& prompt = request.messages.back().content;
  const std::string& model = request.model;
  const std::size_t s = solver_index(model);
  if (prompt.find("## Utterance\n") != std::string::npos) {
    const std::string text = prompt_section(prompt, "Utterance");
    const auto it = oracle.intent.find(text);
    if (it == oracle.intent.end() || draw(model, text, "unusable") < unusable[s]) return "I am not sure what the user wants.";
    std::string label = it->second.label;
    if (draw(model, text, "wrong") >= accuracy[s]) {
      const auto& labels = *it->second.labels;
      label = labels[static_cast<std::size_t>(draw(model, text, "which") * static_cast<double>(labels.size()))];
    }
    if (s % 2 == 1) return "Intent: " + label;
    const std::string json = nlohmann::json{{"intent", label}}.dump();
    return s == 2 ? "```json\n" + json + "\n```" : json;
  }
  if (prompt.find("## Sentence 1\n") != std::string::npos) {
    const std::string a = prompt_section(prompt, "Sentence 1", "\n\n## Sentence 2\n");
    const std::string b = prompt_section(prompt, "Sentence 2");
    const std::string key = a + '\x1F' + b;
    const auto it = oracle.similarity.find(key);
    if (it == oracle.similarity.end() || draw(model, key, "unusable") < unusable[s]) return "These are hard to compare.";
    const double spread = 5.0 * (1.0 - accuracy[s]);
    double score = it->second + (2.0 * draw(model, key, "noise") - 1.0) * spread;
    score = std::min(5.0, std::max(0.0, score));
    char number[16];
    std::snprintf(number, sizeof number, "%.1f", score);
    return s % 2 == 1 ? std::string("Score: ") + number : std::string("{\"score\": ") + number + "}";
  }
  const std::string text = prompt_section(prompt, "Sentence");
  const auto it = oracle.ner.find(text);
  if (it == oracle.ner.end() || draw(model, text, "unusable") < unusable[s]) return "I could not find the entities.";
  const auto& types = *it->second.types;
  nlohmann::json entities = nlohmann::json::array();
  const sb::detail::Utf8Index index(text);
  for (std::size_t k = 0; k < it->second.entities.size(); ++k) {
    const auto& e = it->second.entities[k];
    const std::string at = text + "#" + std::to_string(k);
    if (draw(model, at, "missed") >= accuracy[s] + 0.05) continue;
    std::string type = e.type;
    if (draw(model, at, "type") >= accuracy[s] + 0.05) {
      type = types[static_cast<std::size_t>(draw(model, at, "which") * static_cast<double>(types.size()))];
    }
    entities.push_back({{"text", e.text ? *e.text : index.substr(e.start, e.end)}, {"type", type}});
  }
  if (draw(model, text, "invented") < 1.0 - accuracy[s]) entities.push_back({{"text", "Nowhere Institute"}, {"type", types.front()}});
  const std::string json = nlohmann::json{{"entities", entities}}.dump();
  return s == 2 ? "```json\n" + json + "\n```" : json;
}

// --- The data of the LLM grid: the study's when present, else synthesized here.

// Deterministic filler words.
struct Words {
  std::uint64_t state;
  std::string next(const std::vector<std::string>& vocabulary) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return vocabulary[state % vocabulary.size()];
  }
};

const std::vector<std::string> filler = {"the", "a", "new", "old", "big", "small", "red", "blue", "next", "last",
                                         "good", "late", "early", "city", "song", "show", "book", "table", "list",
                                         "day", "night", "week", "river", "north", "south", "green", "quiet"};

template <class Item>
std::shared_ptr<const sb::Dataset<Item>> named(sb::Dataset<Item> d, const std::string& name) {
  d.name = name;
  return std::make_shared<const sb::Dataset<Item>>(std::move(d));
}

// Source 0 is the real data, sources 1 to 6 the generated sets.
template <class Item>
void add_source(GridData<Item>& g, std::size_t source, sb::Dataset<Item> d) {
  if (source == 0) {
    g.real = named(std::move(d), "real");
  } else {
    g.generated.push_back(named(std::move(d), "generator-" + std::to_string(source)));
  }
}

GridData<sb::IntentItem> synthetic_intent(const std::string& name, std::size_t intents, std::size_t items, std::uint64_t seed) {
  GridData<sb::IntentItem> g;
  g.name = name;
  g.domain = "requests a user makes to a voice assistant";
  for (std::size_t c = 0; c < intents; ++c) g.labels.push_back("Intent" + std::to_string(c + 1));
  for (std::size_t source = 0; source < 7; ++source) {
    sb::Dataset<sb::IntentItem> d;
    Words w{seed * 7919 + source + 1};
    for (std::size_t i = 0; i < items; ++i) {
      const std::size_t c = (i * 7 + source) % intents;
      std::string text = "please do intent " + std::to_string(c + 1);
      for (int k = 0; k < 6; ++k) text += " " + w.next(filler);
      text += " number " + std::to_string(source * 1000 + i);
      d.items.push_back({text, g.labels[c]});
    }
    add_source(g, source, std::move(d));
  }
  return g;
}

GridData<sb::NerItem> synthetic_ner(const std::string& name, std::size_t items, std::uint64_t seed) {
  static const std::vector<std::string> people = {"Ada Lovelace", "Alan Turing", "Grace Hopper", "Emmy Noether", "Niels Bohr"};
  static const std::vector<std::string> places = {"Paris", "Bonn", "Lisbon", "Kyoto", "Lagos", "Lima"};
  static const std::vector<std::string> groups = {"the Royal Society", "Acme Works", "the Union Party", "Blue Press"};
  GridData<sb::NerItem> g;
  g.name = name;
  g.domain = "English text";
  g.labels = {"person", "location", "organization"};
  for (std::size_t source = 0; source < 7; ++source) {
    sb::Dataset<sb::NerItem> d;
    Words w{seed * 104729 + source + 1};
    for (std::size_t i = 0; i < items; ++i) {
      sb::NerItem item;
      const auto add = [&item](const std::string& mention, const std::string& type) {
        item.entities.push_back({item.text.size(), item.text.size() + mention.size(), type, mention});  // ASCII: bytes are characters
        item.text += mention;
      };
      add(w.next(people), "person");
      item.text += " visited ";
      add(w.next(places), "location");
      item.text += " with " + w.next(filler) + " " + w.next(filler) + " friends from ";
      add(w.next(groups), "organization");
      item.text += " in year " + std::to_string(1900 + source * 200 + i) + ".";
      d.items.push_back(std::move(item));
    }
    add_source(g, source, std::move(d));
  }
  return g;
}

GridData<sb::SimilarityItem> synthetic_similarity(const std::string& name, std::size_t items, std::uint64_t seed) {
  GridData<sb::SimilarityItem> g;
  g.name = name;
  g.domain = "pairs of English sentences";
  for (std::size_t source = 0; source < 7; ++source) {
    sb::Dataset<sb::SimilarityItem> d;
    Words w{seed * 15485863 + source + 1};
    for (std::size_t i = 0; i < items; ++i) {
      std::vector<std::string> words;
      for (int k = 0; k < 10; ++k) words.push_back(w.next(filler));
      std::string a = "sentence " + std::to_string(source * 1000 + i);
      std::string b = a;
      const std::size_t changed = (i * 3 + source) % 11;  // 0 to 10 of the 10 words differ
      for (std::size_t k = 0; k < words.size(); ++k) {
        a += " " + words[k];
        b += " " + (k < changed ? w.next(filler) + "s" : words[k]);
      }
      d.items.push_back({a, b, 5.0 * (1.0 - static_cast<double>(changed) / 10.0)});
    }
    add_source(g, source, std::move(d));
  }
  return g;
}

template <class Item>
std::vector<std::shared_ptr<const sb::Dataset<Item>>> generated_sets(const std::filesystem::path& dir,
                                                                     const std::string& dataset, std::size_t k,
                                                                     const sb::Dataset<Item>& examples,
                                                                     std::size_t items) {
  std::vector<std::shared_ptr<const sb::Dataset<Item>>> out;
  sb::GenerationRequest<Item> request;
  request.examples = &examples;
  request.count = items;
  for (auto& generator : sb::pregenerated_generators<Item>(dir, dataset, k)) {
    out.push_back(named(generator->generate(request), generator->name()));
  }
  return out;
}

// The intents of some data sets, sorted.
std::vector<std::string> sorted_labels(const std::vector<const sb::Dataset<sb::IntentItem>*>& sets) {
  std::vector<std::string> labels;
  for (const auto* d : sets) {
    for (const auto& item : d->items) labels.push_back(item.label);
  }
  std::sort(labels.begin(), labels.end());
  labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
  return labels;
}

// The six datasets of the LLM grid, as the seed study reads them.
struct LlmGridData {
  bool real_data = false;
  std::vector<GridData<sb::IntentItem>> intent;
  std::vector<GridData<sb::NerItem>> ner;
  std::vector<GridData<sb::SimilarityItem>> similarity;
};

LlmGridData llm_grid_data(std::size_t items) {
  LlmGridData data;
  const auto dir = sb::sg4nlp_data_dir();
  if (!sb::seed_study_available(dir)) {
    data.intent = {synthetic_intent("intent-a", 7, items, 1), synthetic_intent("intent-b", 20, items, 2)};
    data.ner = {synthetic_ner("ner-a", items, 3), synthetic_ner("ner-b", items, 4)};
    data.similarity = {synthetic_similarity("similarity-a", items, 5), synthetic_similarity("similarity-b", items, 6)};
    return data;
  }
  data.real_data = true;
  const sb::SeedStudyOptions options;
  for (const std::string name : {"snips", "atis"}) {
    GridData<sb::IntentItem> g;
    g.name = name;
    g.domain = name == std::string("snips") ? "requests a user makes to a voice assistant" : "questions about air travel";
    const auto real = dir / "real" / name;
    g.real = named(sb::first_items(sb::load_intent_jsonl(real / "test.jsonl"), items), "real");
    const auto train = sb::load_intent_jsonl(real / "train.jsonl", "train");
    g.generated = generated_sets<sb::IntentItem>(dir, name, options.k_intent, train, items);
    // The intents the solvers are told: every one of the train split, the real and the generated sets.
    std::vector<const sb::Dataset<sb::IntentItem>*> sets{&train, g.real.get()};
    for (const auto& d : g.generated) sets.push_back(d.get());
    g.labels = sorted_labels(sets);
    data.intent.push_back(std::move(g));
  }
  for (const std::string name : {"crossner_literature", "crossner_politics"}) {
    GridData<sb::NerItem> g;
    g.name = name;
    g.domain = name == std::string("crossner_literature") ? "Wikipedia sentences about literature"
                                                          : "Wikipedia sentences about politics";
    const auto real = dir / "real" / name;
    sb::NerLoadOptions load;
    load.types = sb::load_crossner_labels(real / "labels.json");
    load.lowercase_types = true;
    g.real = named(sb::first_items(sb::load_ner_jsonl(real / "test.jsonl", "real", load), items), "real");
    const auto train = sb::load_ner_jsonl(real / "train.jsonl", "train", load);
    g.labels = load.types;
    g.generated = generated_sets<sb::NerItem>(dir, name, options.k_ner, train, items);
    data.ner.push_back(std::move(g));
  }
  for (const std::string name : {"headlines", "tweet-news"}) {
    GridData<sb::SimilarityItem> g;
    g.name = name;
    g.domain = name == std::string("headlines") ? "news headlines" : "tweets and the news they comment on";
    const auto real = sb::load_similarity_jsonl(dir / "real" / name / "test.jsonl");
    g.real = named(sb::first_items(real, items), "real");
    g.generated = generated_sets<sb::SimilarityItem>(dir, name, options.k_similarity, real, items);
    data.similarity.push_back(std::move(g));
  }
  return data;
}

// One dataset's grid, runnable against any client.
struct GridRun {
  std::string name;
  std::size_t calls = 0;
  std::function<sb::Experiment(llm::ChatClient&, const std::shared_ptr<const sb::PromptTemplates>&)> run;
};

cassette::CassetteOptions cassette_options(cassette::RecordMode mode) {
  cassette::CassetteOptions o;
  o.mode = mode;
  o.base_url = "http://127.0.0.1/v1";  // the in-process upstream: no host anywhere
  o.description = "synthbench experiment benchmark: answers of an in-process scripted upstream";
  o.report = [](const std::string&) {};
  return o;
}

// Sets an environment variable for the lifetime of the object.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    ::setenv(name, value, 1);
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;
  ~ScopedEnv() {
    if (old_) {
      ::setenv(name_, old_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

// Everything BM_LlmGridReplay needs, made once per process: the data, the oracle, the
// recorded cassettes and the tables the recording gave.
struct LlmGrid {
  LlmGridData data;
  Oracle oracle;
  std::vector<GridRun> runs;
  std::vector<std::filesystem::path> cassettes;
  std::vector<std::string> recorded;  // digest of each dataset's experiment when recorded
  std::filesystem::path folder;
  std::size_t calls = 0;
  double record_s = 0.0;
  double cassette_mb = 0.0;
  std::string error;

  LlmGrid() = default;
  LlmGrid(const LlmGrid&) = delete;
  LlmGrid& operator=(const LlmGrid&) = delete;
  ~LlmGrid() {
    std::error_code ec;
    if (!folder.empty()) std::filesystem::remove_all(folder, ec);
  }
};

std::filesystem::path temporary_folder() {
  std::error_code ec;
  std::filesystem::path base = "/dev/shm";
  if (!std::filesystem::is_directory(base, ec) || ::access(base.c_str(), W_OK) != 0) base = std::filesystem::temp_directory_path();
  const auto folder = base / ("synthbench-experiment-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  return folder;
}

template <class Item, class LlmSolver>
void add_runs(LlmGrid& grid, const std::vector<GridData<Item>>& datasets) {
  for (const auto& g : datasets) {
    const GridData<Item>* data = &g;
    grid.runs.push_back({g.name, solver_count * g.items(),
                         [data](llm::ChatClient& client, const std::shared_ptr<const sb::PromptTemplates>& templates) {
                           return run_llm_grid<Item, LlmSolver>(*data, client, templates);
                         }});
  }
}

LlmGrid& llm_grid() {
  static LlmGrid grid;
  static bool made = false;
  if (made) return grid;
  made = true;
  try {
    if (!std::filesystem::is_directory(sb::default_prompt_directory())) {
      grid.error = "prompt templates not found in '" + sb::default_prompt_directory().string() +
                   "' (run from the source root, or set SYNTHBENCH_PROMPT_DIR)";
      return grid;
    }
    grid.data = llm_grid_data(env_size("SYNTHBENCH_BENCH_LLM_ITEMS", smoke_run ? 20 : 200));
    for (const auto& g : grid.data.intent) {
      for (const auto& item : g.real->items) grid.oracle.intent.emplace(item.text, Oracle::Intent{item.label, &g.labels});
      for (const auto& d : g.generated) {
        for (const auto& item : d->items) grid.oracle.intent.emplace(item.text, Oracle::Intent{item.label, &g.labels});
      }
    }
    for (const auto& g : grid.data.ner) {
      for (const auto& item : g.real->items) grid.oracle.ner.emplace(item.text, Oracle::Ner{item.entities, &g.labels});
      for (const auto& d : g.generated) {
        for (const auto& item : d->items) grid.oracle.ner.emplace(item.text, Oracle::Ner{item.entities, &g.labels});
      }
    }
    for (const auto& g : grid.data.similarity) {
      for (const auto& item : g.real->items) grid.oracle.similarity.emplace(item.text1 + '\x1F' + item.text2, item.score);
      for (const auto& d : g.generated) {
        for (const auto& item : d->items) grid.oracle.similarity.emplace(item.text1 + '\x1F' + item.text2, item.score);
      }
    }
    // In the order of the study's tables.
    add_runs<sb::IntentItem, sb::LlmIntentSolver>(grid, grid.data.intent);
    add_runs<sb::NerItem, sb::LlmNerSolver>(grid, grid.data.ner);
    add_runs<sb::SimilarityItem, sb::LlmSimilaritySolver>(grid, grid.data.similarity);

    grid.folder = temporary_folder();
    // Recording is refused in CI unless allowed: this upstream is in-process, nothing leaves it.
    const ScopedEnv allow("SYNTHBENCH_RECORD_IN_CI", "1");
    const Oracle* oracle = &grid.oracle;
    const auto start = Clock::now();
    const auto templates = std::make_shared<const sb::PromptTemplates>();
    for (const auto& run : grid.runs) {
      const auto path = grid.folder / (run.name + ".json");
      cassette::CassetteClient recorder(path, cassette_options(cassette::RecordMode::once), [oracle] {
        return std::make_shared<llm::FunctionClient>([oracle](const llm::ChatRequest& r) {
          llm::ChatResponse out;
          out.content = answer(*oracle, r);
          out.finish_reason = "stop";
          out.model = r.model;
          return out;
        });
      });
      const sb::Experiment e = run.run(recorder, templates);
      const auto report = recorder.finish();
      if (!report.written || report.recorded != run.calls) {
        grid.error = "recording " + run.name + " gave " + std::to_string(report.recorded) + " interactions for " +
                     std::to_string(run.calls) + " solver calls";
        return grid;
      }
      grid.recorded.push_back(digest(e));
      grid.cassettes.push_back(path);
      grid.calls += run.calls;
      grid.cassette_mb += static_cast<double>(std::filesystem::file_size(path)) / 1e6;
    }
    grid.record_s = seconds_since(start);
  } catch (const std::exception& e) {
    grid.error = std::string("setting up the LLM grid failed: ") + e.what();
  }
  return grid;
}

// Passes every call to a client and adds up the time its batches take: in a replay, the
// cassette lookups (the canonical key of each request, the index, a copy of the answer).
class TimedClient : public llm::ChatClient {
 public:
  explicit TimedClient(llm::ChatClient& inner) : inner_(inner) {}
  llm::ChatResponse complete(const llm::ChatRequest& request) override { return inner_.complete(request); }
  std::vector<llm::BatchResult> complete_batch(const std::vector<llm::ChatRequest>& requests,
                                               std::size_t max_in_flight) override {
    const auto start = Clock::now();
    auto results = inner_.complete_batch(requests, max_in_flight);
    seconds += seconds_since(start);
    return results;
  }
  std::string base_url() const override { return inner_.base_url(); }

  double seconds = 0.0;  ///< in complete_batch

 private:
  llm::ChatClient& inner_;
};

void BM_LlmGridReplay(benchmark::State& state) {
  LlmGrid& grid = llm_grid();
  if (!grid.error.empty()) {
    state.SkipWithError(grid.error.c_str());
    return;
  }
  std::vector<double> each(grid.runs.size(), 0.0);
  double replay = 0.0;
  double open = 0.0;    // opening the cassettes
  double grids = 0.0;   // run_experiment
  double lookups = 0.0;  // of which in complete_batch
  double finish = 0.0;  // CassetteClient::finish
  double baseline = 0.0;
  std::size_t parse_failures = 0;
  std::size_t predictions = 0;
  for (auto _ : state) {
    const auto start = Clock::now();
    const auto templates = std::make_shared<const sb::PromptTemplates>();
    std::vector<sb::Experiment> experiments;
    std::vector<cassette::FinishReport> reports;
    for (std::size_t i = 0; i < grid.runs.size(); ++i) {
      const auto t0 = Clock::now();
      cassette::CassetteClient replayer(grid.cassettes[i], cassette_options(cassette::RecordMode::none));
      const auto t1 = Clock::now();
      TimedClient timed(replayer);
      experiments.push_back(grid.runs[i].run(timed, templates));
      lookups += timed.seconds;
      const auto t2 = Clock::now();
      reports.push_back(replayer.finish());
      each[i] += seconds_since(t0);
      open += std::chrono::duration<double>(t1 - t0).count();
      grids += std::chrono::duration<double>(t2 - t1).count();
      finish += seconds_since(t2);
    }
    const double t = seconds_since(start);
    state.SetIterationTime(t);
    replay += t;

    // Checks, outside any measurement (the time is manual).
    parse_failures = 0;
    predictions = 0;
    for (std::size_t i = 0; i < grid.runs.size(); ++i) {
      if (reports[i].replayed != grid.runs[i].calls || reports[i].unused != 0) {
        state.SkipWithError(("replaying " + grid.runs[i].name + " used " + std::to_string(reports[i].replayed) + " of " +
                             std::to_string(grid.runs[i].calls) + " interactions")
                                .c_str());
        break;
      }
      if (digest(experiments[i]) != grid.recorded[i]) {
        state.SkipWithError(("replaying " + grid.runs[i].name + " gave other tables than recording").c_str());
        break;
      }
      for (const auto& solver : experiments[i].solver_names()) {
        for (const auto& dataset : experiments[i].dataset_names()) {
          const auto& c = experiments[i].predictions(solver, dataset);
          parse_failures += c.parse_failures;
          predictions += c.items;
        }
      }
    }

    const auto b0 = Clock::now();
    for (const auto& path : grid.cassettes) {
      benchmark::DoNotOptimize(nlohmann::json::parse(sb::detail::read_file(path)).size());
    }
    baseline += seconds_since(b0);
  }
  if (state.error_occurred()) return;
  const double n = static_cast<double>(state.iterations());
  for (std::size_t i = 0; i < grid.runs.size(); ++i) state.counters[grid.runs[i].name + "_ms"] = 1000.0 * each[i] / n;
  state.counters["calls"] = static_cast<double>(grid.calls);
  state.counters["real_data"] = grid.data.real_data ? 1.0 : 0.0;
  state.counters["cassette_MB"] = grid.cassette_mb;
  state.counters["record_s"] = grid.record_s;
  state.counters["replay_s"] = replay / n;
  state.counters["open_s"] = open / n;
  state.counters["run_s"] = grids / n;
  state.counters["complete_batch_s"] = lookups / n;
  state.counters["finish_s"] = finish / n;
  state.counters["us_per_call"] = 1e6 * replay / n / static_cast<double>(grid.calls);
  state.counters["nlohmann_parse_s"] = baseline / n;
  state.counters["ratio"] = replay / baseline;
  state.counters["parse_failure_share"] =
      predictions == 0 ? 0.0 : static_cast<double>(parse_failures) / static_cast<double>(predictions);
}

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--benchmark_min_time=", 0) == 0 && std::strtod(arg.c_str() + 21, nullptr) < 0.01) smoke_run = true;
  }
  // Cassette usage files are for test suites; these temporary cassettes need none.
  ::unsetenv("SYNTHBENCH_CASSETTE_USAGE_DIR");
  const benchmark::IterationCount iterations = smoke_run ? 1 : 3;
  benchmark::RegisterBenchmark("BM_SeedStudyGrid", BM_SeedStudyGrid)
      ->UseManualTime()
      ->Unit(benchmark::kMillisecond)
      ->Iterations(iterations);
  benchmark::RegisterBenchmark("BM_LlmGridReplay", BM_LlmGridReplay)
      ->UseManualTime()
      ->Unit(benchmark::kMillisecond)
      ->Iterations(iterations);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

// synthbench score: task metrics of one approach's predictions against gold data (docs/cli.md).

#include <synthbench/metrics/classification.hpp>
#include <synthbench/metrics/ner.hpp>
#include <synthbench/metrics/option_values.hpp>
#include <synthbench/metrics/records_json.hpp>
#include <synthbench/metrics/similarity.hpp>
#include <synthbench/report/task_metrics_json.hpp>
#include <synthbench/report/task_metrics_markdown.hpp>
#include <synthbench/stats/bootstrap.hpp>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cli.hpp"
#include "commands.hpp"

namespace synthbench_cli {

namespace {

namespace metrics = synthbench::metrics;

const char* const kTasks = "intent, ner or sts";

std::vector<OptionSpec> common_options() {
  return {{"gold", "FILE", "gold records (JSON Lines, the SG4NLP format of the task); '-' reads stdin", false},
          {"pred", "FILE", "predictions: the same records and texts, in the same order; '-' reads stdin", false},
          {"format", "FORMAT", "json (default) or markdown", false},
          {"bootstrap", "N", "add percentile intervals from N resamples of the items (N >= 2)", false},
          {"seed", "S", "bootstrap seed, an unsigned 64-bit integer (default 240911968)", false},
          {"confidence", "C", "bootstrap interval coverage in (0, 1) (default 0.95)", false}};
}

const char* const kRecordHelp =
    "A prediction file repeats the gold file's records (same order, same text) with the approach's\n"
    "answer in place of the gold one; null means the approach gave no usable answer.";

CommandSpec intent_spec() {
  CommandSpec spec{"score intent",
                   "--gold FILE --pred FILE [--labels FILE] [options]",
                   "Precision, recall and F1 per class with macro, micro and weighted averages, and accuracy,\n"
                   "of intent predictions: {\"label\": \"AddToPlaylist\", \"text\": \"...\"} per line.\n"
                   "A predicted label outside the label set is wrong, creates no class, and is reported.\n" +
                       std::string(kRecordHelp),
                   common_options(),
                   ""};
  spec.options.push_back({"labels", "FILE", "the label set: a JSON array, or JSON Lines records with \"label\" (train.jsonl)", false});
  spec.options.push_back({"zero-division", "POLICY", "value of 0/0: zero (default), one or undefined (aliases 0, 1, nan)", false});
  spec.options.push_back({"average-over", "SET", "classes averaged: observed (default; gold or validly predicted), gold, label_set (alias labels) or declared (the --labels only: the SG4NLP study's macro-F1)", false});
  spec.options.push_back({"multi-intent", "MODE", "exact (default) or unordered_set (alias set): 'a#b' equals 'b#a'", false});
  return spec;
}

CommandSpec ner_spec() {
  CommandSpec spec{"score ner",
                   "--gold FILE --pred FILE [--types FILE] [options]",
                   "Entity-level precision, recall and F1 in the SemEval-2013 Task 9.1 schemas (strict, exact,\n"
                   "partial, ent_type), overall and per entity type, summed over documents, of NER predictions:\n"
                   "{\"entities\": [{\"start\": 0, \"end\": 5, \"type\": \"person\", \"text\": \"Alice\"}], \"text\": \"...\"}\n"
                   "(character offsets, end exclusive). " +
                       std::string(kRecordHelp),
                   common_options(),
                   ""};
  spec.options.push_back({"types", "FILE", "declared entity types (a JSON array, as labels.json); others are reported", false});
  spec.options.push_back({"span-repair", "MODE", "offsets not holding the entity's text: realign (default), none or error", false});
  spec.options.push_back({"zero-division", "POLICY", "value of 0/0: zero (default), one or undefined (aliases 0, 1, nan)", false});
  spec.options.push_back({"keep-duplicates", "", "match repeated identical entities one by one instead of merging them", false});
  return spec;
}

CommandSpec sts_spec() {
  CommandSpec spec{"score sts",
                   "--gold FILE --pred FILE [options]",
                   "Pearson's r and Spearman's rho of predicted against gold similarity scores (0 to 5):\n"
                   "{\"score\": 3.8, \"text1\": \"...\", \"text2\": \"...\"} per line; a predicted score may also be a\n"
                   "string holding a number, or null. " +
                       std::string(kRecordHelp),
                   common_options(),
                   ""};
  spec.options.push_back({"unparsable", "POLICY", "an answer that is not a number: midpoint (default), exclude or error", false});
  spec.options.push_back({"out-of-range", "POLICY", "a number outside [0, 5]: clip (default), unparsable or error", false});
  return spec;
}

const CommandSpec kScoreSpec{
    "score",
    "intent|ner|sts --gold FILE --pred FILE [--bootstrap N --seed S] [--format json|markdown]",
    "Scores one approach's predictions against gold data with the task's metrics, in the JSON Lines\n"
    "record formats of the SG4NLP data, and prints them as JSON (or Markdown). A malformed line, or\n"
    "gold and prediction files that do not align, exit 2 naming the file and line.\n\n"
    "tasks:\n"
    "  intent   intent detection: per-class P/R/F1, macro/micro/weighted averages, accuracy\n"
    "  ner      named entities: SemEval-2013 strict/exact/partial/ent_type P/R/F1\n"
    "  sts      semantic similarity: Pearson and Spearman correlations\n\n"
    "'synthbench score TASK --help' lists the task's options.",
    {},
    ""};

std::uint64_t parse_unsigned(const std::string& option, const std::string& text) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) {
    throw UsageProblem{"--" + option + " needs a non-negative integer, got '" + text + "'"};
  }
  errno = 0;
  const unsigned long long v = std::strtoull(text.c_str(), nullptr, 10);
  if (errno == ERANGE) throw UsageProblem{"--" + option + " is too large: '" + text + "'"};
  return static_cast<std::uint64_t>(v);
}

std::optional<synthbench::stats::BootstrapOptions> bootstrap_options(const ParsedArgs& parsed) {
  if (!parsed.has("bootstrap")) {
    for (const char* dependent : {"seed", "confidence"}) {
      if (parsed.has(dependent)) throw UsageProblem{std::string("--") + dependent + " needs --bootstrap N"};
    }
    return std::nullopt;
  }
  synthbench::stats::BootstrapOptions options;
  const std::uint64_t n = parse_unsigned("bootstrap", parsed.get("bootstrap"));
  if (n < 2 || n > 10000000) throw UsageProblem{"--bootstrap needs between 2 and 10000000 resamples, got " + parsed.get("bootstrap")};
  options.resamples = static_cast<std::size_t>(n);
  if (parsed.has("seed")) options.seed = parse_unsigned("seed", parsed.get("seed"));
  if (parsed.has("confidence")) {
    const auto c = metrics::parse_score(parsed.get("confidence"));
    if (!c || !(*c > 0.0 && *c < 1.0)) {
      throw UsageProblem{"--confidence needs a number in (0, 1), got '" + parsed.get("confidence") + "'"};
    }
    options.confidence = *c;
  }
  return options;
}

std::string name_of(const std::string& path) { return path == "-" ? "<stdin>" : path; }

// A file argument of "-" reads standard input (docs/cli.md, Conventions); only one may.
std::vector<metrics::JsonlRecord> records(const std::string& path) {
  return path == "-" ? metrics::parse_jsonl(read_stdin(), "<stdin>") : metrics::read_jsonl(path);
}

std::vector<std::string> label_list(const std::string& path) {
  return path == "-" ? metrics::parse_label_list(read_stdin(), "<stdin>") : metrics::read_label_list(path);
}

void check_one_stdin(const ParsedArgs& parsed) {
  std::string first;
  for (const char* option : {"gold", "pred", "labels", "types"}) {
    if (parsed.get(option) != "-") continue;
    if (!first.empty()) throw UsageProblem{"--" + first + " and --" + option + " cannot both read standard input ('-')"};
    first = option;
  }
}

// The value of `option`, read by the library's parser of its spellings (metrics/option_values.hpp),
// or `fallback` when the option is absent.
template <class Enum>
Enum choice(const ParsedArgs& parsed, const std::string& option, Enum fallback) {
  if (!parsed.has(option)) return fallback;
  const std::string value = parsed.get(option);
  if (const auto e = metrics::parse_option<Enum>(value)) return *e;
  throw UsageProblem{"--" + option + " must be one of " + metrics::option_names<Enum>() + ", got '" + value + "'"};
}

metrics::ZeroDivision zero_division(const ParsedArgs& parsed) {
  return choice(parsed, "zero-division", metrics::ZeroDivision::zero);
}

nlohmann::ordered_json score_intent(const ParsedArgs& parsed, const std::string& gold, const std::string& pred,
                                    synthbench::report::TaskSource& source) {
  metrics::ClassificationOptions options;
  options.zero_division = zero_division(parsed);
  options.average_over = choice(parsed, "average-over", metrics::AverageOver::observed);
  options.multi_label = choice(parsed, "multi-intent", metrics::MultiLabelMatch::exact);
  if (parsed.has("labels")) options.labels = label_list(parsed.get("labels"));
  const auto data = metrics::intent_data(records(gold), name_of(gold), records(pred), name_of(pred));
  source.lines = data.gold_lines;
  const metrics::ClassificationOutcomes outcomes(data.gold, data.predicted, options);
  return synthbench::report::intent_report_json(outcomes, source);
}

nlohmann::ordered_json score_ner(const ParsedArgs& parsed, const std::string& gold, const std::string& pred,
                                 synthbench::report::TaskSource& source) {
  metrics::NerOptions options;
  options.zero_division = zero_division(parsed);
  options.span_repair = choice(parsed, "span-repair", metrics::SpanRepair::realign);
  options.merge_duplicates = !parsed.has("keep-duplicates");
  if (parsed.has("types")) options.types = label_list(parsed.get("types"));
  options.gold_source = name_of(gold);
  options.predicted_source = name_of(pred);
  const auto data = metrics::ner_data(records(gold), name_of(gold), records(pred), name_of(pred));
  options.document_name = [&data](std::size_t i) { return data.name(i); };
  source.lines = data.gold_lines;
  const metrics::NerOutcomes outcomes(data.documents, options);
  return synthbench::report::ner_report_json(outcomes, data.missing_predictions, source);
}

nlohmann::ordered_json score_sts(const ParsedArgs& parsed, const std::string& gold, const std::string& pred,
                                 synthbench::report::TaskSource& source) {
  metrics::SimilarityOptions options;
  options.unparsable = choice(parsed, "unparsable", metrics::UnparsablePolicy::midpoint);
  options.out_of_range = choice(parsed, "out-of-range", metrics::OutOfRangePolicy::clip);
  options.gold_source = name_of(gold);
  options.predicted_source = name_of(pred);
  const auto data = metrics::similarity_data(records(gold), name_of(gold), records(pred), name_of(pred));
  options.item_name = [&data](std::size_t i) { return data.name(i); };
  source.lines = data.gold_lines;
  const metrics::SimilarityOutcomes outcomes(data.gold, data.predicted, options);
  return synthbench::report::sts_report_json(outcomes, source);
}

}  // namespace

int run_score(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string task = args.empty() ? std::string() : args[0];
  const std::string command = task == "intent" || task == "ner" || task == "sts" ? "score " + task : "score";
  return run_guarded(command, err, [&]() {
    if (task == "--help" || task == "-h") {
      print_help(kScoreSpec, out);
      return static_cast<int>(exit_ok);
    }
    if (task.empty() || task[0] == '-') throw UsageProblem{std::string("missing the task: ") + kTasks};
    const CommandSpec spec = task == "intent" ? intent_spec()
                             : task == "ner"  ? ner_spec()
                             : task == "sts"  ? sts_spec()
                                              : throw UsageProblem{"unknown task '" + task + "' (" + kTasks + ")"};
    const ParsedArgs parsed = parse_args(spec, std::vector<std::string>(args.begin() + 1, args.end()));
    if (parsed.help) {
      print_help(spec, out);
      return static_cast<int>(exit_ok);
    }
    const std::string gold = parsed.require("gold");
    const std::string pred = parsed.require("pred");
    check_one_stdin(parsed);
    const std::string format = parsed.get("format", "json");
    if (format != "json" && format != "markdown") {
      throw UsageProblem{"--format must be json or markdown, got '" + format + "'"};
    }
    synthbench::report::TaskSource source;
    source.gold = name_of(gold);
    source.predictions = name_of(pred);
    source.bootstrap = bootstrap_options(parsed);
    const nlohmann::ordered_json doc = task == "intent" ? score_intent(parsed, gold, pred, source)
                                       : task == "ner"  ? score_ner(parsed, gold, pred, source)
                                                        : score_sts(parsed, gold, pred, source);
    if (format == "json") {
      out << doc.dump(2) << "\n";
    } else {
      out << synthbench::report::task_report_markdown(doc);
    }
    return static_cast<int>(exit_ok);
  });
}

}  // namespace synthbench_cli

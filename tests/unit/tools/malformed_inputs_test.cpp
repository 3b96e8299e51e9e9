// The catalogue of malformed inputs (issue 15): cassettes, score tables, JSON Lines files and
// command lines that a hostile user or an unlucky machine hands the synthbench program. Each
// runs as a real process and must give exit 2 (bad input) or 1 (a `cassette verify`
// finding), name the file and the position, never crash, leave every input byte for byte as
// it was (checked by hash), and stay within bounds of time and memory (a hang guard and a
// ceiling on peak RSS; the figures for a 200 MB input are in docs/reliability.md).

#include <synthbench/cassette.hpp>
#include <synthbench/detail/hash.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "support/process.hpp"
#include "support/test_paths.hpp"

namespace {

namespace fs = std::filesystem;

// Generous bounds, far above what any case needs (tens of MB, well under a second even under
// AddressSanitizer): they catch a blow-up or a hang, not a slowdown.
constexpr double kTimeoutSeconds = 60;
constexpr long kMaxRssKb = 1024L * 1024L;  // 1 GiB

struct Case {
  std::string name;                                         // the test's name
  std::vector<std::pair<std::string, std::string>> files;   // written to a fresh folder
  std::vector<std::string> args;                            // "@name" is the path of file `name`, "@dir" the folder
  int exit = 2;                                             // 2, or 1 for a verify finding
  std::string file;                                         // the file the message names ("" for a command line)
  std::vector<std::string> says;                            // the position, and what else the message must hold
};

// A valid cassette of two interactions, as synthbench writes it.
std::string good_cassette() {
  synthbench::cassette::Cassette c;
  for (const char* text : {"a", "b"}) {
    synthbench::cassette::Interaction i;
    synthbench::llm::ChatRequest r;
    r.model = "m";
    r.messages = {{"user", text, nlohmann::json::object()}};
    i.request = synthbench::cassette::canonical_key(r, {"openai", "127.0.0.1"});
    i.response.content = std::string("answer ") + text;
    i.response.model = "m";
    i.response.raw_body = synthbench::llm::to_openai_json(i.response).dump();
    c.interactions.push_back(i);
  }
  c.metadata.created_at = c.metadata.updated_at = "2026-01-02T03:04:05Z";
  return synthbench::cassette::dump_cassette(c);
}

// `text` with the first `from` replaced by `to`.
std::string edit(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::runtime_error("no '" + from + "' to edit");
  return text.replace(at, from.size(), to);
}

// "line L, column C" of the first `what` in `text` (what the messages print).
std::string position_of(const std::string& text, const std::string& what, std::size_t skip = 0) {
  return synthbench::detail::line_and_column(text, text.find(what) + skip + 1);
}

const std::string kNul(1, '\0');
const std::string kDeep = std::string(25000, '[') + std::string(25000, ']');

const std::string kTable = R"({"metric": "f1",
  "real": {"a": 0.9, "b": 0.7, "c": 0.5},
  "synthetic": {"g": {"a": 0.8, "b": 0.75, "c": 0.4}}}
)";

const std::string kGold = "{\"label\": \"A\", \"text\": \"t0\"}\n{\"label\": \"B\", \"text\": \"t1\"}\n{\"label\": \"A\", \"text\": \"t2\"}\n";
const std::string kNerGold =
    "{\"entities\": [{\"start\": 0, \"end\": 5, \"type\": \"person\", \"text\": \"Alice\"}], \"text\": \"Alice runs\"}\n";
const std::string kStsGold = "{\"score\": 3.5, \"text1\": \"a\", \"text2\": \"b\"}\n{\"score\": 1.0, \"text1\": \"c\", \"text2\": \"d\"}\n";

std::vector<Case> catalogue() {
  const std::string good = good_cassette();
  // The format line as this synthbench writes it, and the next format, which it cannot read.
  const std::string format = "\"format\": " + std::to_string(synthbench::cassette::format_version);
  const std::string future = std::to_string(synthbench::cassette::format_version + 1);
  // The general path: a cassette in another key order than synthbench writes.
  const std::string edited = edit(good, "{\n  " + format + ",", "{\n  \"metadata\": {},\n  " + format + ",");
  const std::string cut = good.substr(0, good.size() / 2);
  const std::string deep_format =
      edit(good, "\"model\": \"m\",\n        \"provider\"", "\"model\": \"m\",\n        \"response_format\": " + kDeep + ",\n        \"provider\"");
  const std::string deep_general = edit(deep_format, "{\n  " + format + ",", "{\n  \"metadata\": {},\n  " + format + ",");
  const std::string deep_body = edit(good, "\"object\": \"chat.completion\"\n", "\"object\": \"chat.completion\", \"x\": " + kDeep + "\n");
  const std::string key = std::string("s\\u006b-proj-") + "Ab3dEf6hIj9kLm2nOp5qRs8t";  // escaped: sk-proj-...
  const std::string usage = "{\"cassette\": \"c.json\", \"format\": 1, \"used\": []}\n";
  std::vector<Case> c;
  const auto add = [&c](Case x) { c.push_back(std::move(x)); };

  // --- cassettes: verify reports a finding (exit 1), the other subcommands refuse (exit 2).
  add({"VerifyTruncated", {{"c.json", cut}}, {"cassette", "verify", "@c.json"}, 1, "c.json",
       {position_of(cut, "", cut.size()), "synthbench.input.101"}});
  add({"VerifyNulThenGarbage", {{"c.json", good + kNul + "garbage garbage"}}, {"cassette", "verify", "@c.json"}, 1, "c.json",
       {position_of(good + kNul, kNul), "NUL byte"}});
  add({"VerifyNulThenTamperedCassette", {{"c.json", good + kNul + edit(good, "answer a", "tampered")}},
       {"cassette", "verify", "@c.json"}, 1, "c.json", {position_of(good + kNul, kNul), "NUL byte"}});
  add({"VerifyNulInsideAString", {{"c.json", edit(good, "answer a", "ans" + kNul + "wer a")}}, {"cassette", "verify", "@c.json"}, 1,
       "c.json", {"synthbench.input.101", "line "}});
  add({"VerifyTrailingGarbage", {{"c.json", good + "{}"}}, {"cassette", "verify", "@c.json"}, 1, "c.json",
       {position_of(good + "{}", "{}"), "synthbench.input.101"}});
  add({"VerifyDeepResponseFormatGeneralPath", {{"c.json", deep_general}}, {"cassette", "verify", "@c.json"}, 1, "c.json",
       {position_of(deep_general, kDeep, 508), "synthbench.input.103"}});
  add({"VerifyDeepBodyFastPath", {{"c.json", deep_body}}, {"cassette", "verify", "@c.json"}, 1, "c.json",
       {position_of(deep_body, kDeep, 507), "synthbench.input.103"}});
  add({"StatsDeep", {{"c.json", deep_general}}, {"cassette", "stats", "@c.json"}, 2, "c.json",
       {position_of(deep_general, kDeep, 508), "synthbench.input.103"}});
  add({"MergeDeep", {{"in.json", deep_body}}, {"cassette", "merge", "@dir/out.json", "@in.json"}, 2, "in.json",
       {position_of(deep_body, kDeep, 507), "synthbench.input.103"}});
  add({"PruneDeep", {{"c.json", deep_body}, {"u.json", usage}}, {"cassette", "prune", "--usage", "@u.json", "@c.json"}, 2, "c.json",
       {"synthbench.input.103"}});
  add({"VerifyFolder", {}, {"cassette", "verify", "@dir"}, 2, "", {"synthbench.io.1", "folder"}});
  add({"StatsFolder", {}, {"cassette", "stats", "@dir"}, 2, "", {"synthbench.io.1", "folder"}});
  add({"VerifyMissingFile", {}, {"cassette", "verify", "@dir/missing.json"}, 2, "missing.json", {"synthbench.io.1"}});
  add({"VerifyEmptyFile", {{"c.json", ""}}, {"cassette", "verify", "@c.json"}, 1, "c.json", {"line 1, column 1"}});
  add({"VerifyNotJson", {{"c.json", "format: 1\n"}}, {"cassette", "verify", "@c.json"}, 1, "c.json", {"line 1, column 2"}});
  add({"VerifyDuplicateKey", {{"c.json", edit(edited, format + ",", format + ", " + format + ",")}},
       {"cassette", "verify", "@c.json"}, 1, "c.json", {"at /format", "duplicate key"}});
  add({"VerifyFutureFormat", {{"c.json", edit(good, format, "\"format\": " + future)}}, {"cassette", "verify", "@c.json"}, 1,
       "c.json", {"at /format", "unsupported cassette format " + future}});
  add({"VerifyUnknownKey", {{"c.json", edit(good, "\"replicate\": 0", "\"replay\": 1, \"replicate\": 0")}},
       {"cassette", "verify", "@c.json"}, 1, "c.json", {"at /interactions/0/replay"}});
  add({"VerifyWrongType", {{"c.json", edit(good, "\"replicate\": 0", "\"replicate\": \"0\"")}}, {"cassette", "verify", "@c.json"},
       1, "c.json", {"at /interactions/0/replicate", "synthbench.input.401"}});
  add({"VerifyNegativeLatency", {{"c.json", edit(good, "\"latency_ms\": 0.0", "\"latency_ms\": -1.0")}},
       {"cassette", "verify", "@c.json"}, 1, "c.json", {"at /interactions/0/response/latency_ms"}});
  add({"VerifyDuplicateInteraction", {{"c.json", edit(good, "\"content\": \"b\"", "\"content\": \"a\"")}},
       {"cassette", "verify", "@c.json"}, 1, "c.json", {"at /interactions/1", "synthbench.input.405"}});
  add({"VerifyEscapedSecret", {{"c.json", edit(good, "answer a", key)}}, {"cassette", "verify", "@c.json"}, 1, "c.json",
       {position_of(edit(good, "answer a", key), key), "an API key pattern (sk-...)", "fingerprint "}});
  add({"VerifyInvalidUtf8", {{"c.json", edit(good, "answer a", "answer \xC3\x28")}}, {"cassette", "verify", "@c.json"}, 1, "c.json",
       {position_of(edit(good, "answer a", "answer \xC3\x28"), "\xC3", 1), "synthbench.input.101"}});
  add({"VerifyNumberOverflow", {{"c.json", edit(good, "\"latency_ms\": 0.0", "\"latency_ms\": 1e999")}},
       {"cassette", "verify", "@c.json"}, 1, "c.json", {position_of(edit(good, "\"latency_ms\": 0.0", "\"latency_ms\": 1e999"), "1e999", 4)}});
  add({"VerifyLoneSurrogate", {{"c.json", edit(good, "answer a", "\\ud800")}}, {"cassette", "verify", "@c.json"}, 1, "c.json",
       {"synthbench.input.101", "surrogate"}});
  add({"StatsTruncated", {{"c.json", cut}}, {"cassette", "stats", "@c.json"}, 2, "c.json", {position_of(cut, "", cut.size())}});
  add({"MergeOneBadInput", {{"a.json", good}, {"b.json", cut}}, {"cassette", "merge", "@dir/out.json", "@a.json", "@b.json"}, 2,
       "b.json", {position_of(cut, "", cut.size())}});
  add({"PruneBadUsage", {{"c.json", good}, {"u.json", "{\"cassette\": \"c.json\", \"format\": 1, \"used\": [1]}"}},
       {"cassette", "prune", "--usage", "@u.json", "@c.json"}, 2, "u.json", {"/used/0"}});
  add({"PruneUsageOfAnotherCassette", {{"c.json", good}, {"u.json", edit(usage, "c.json", "d.json")}},
       {"cassette", "prune", "--usage", "@u.json", "@c.json"}, 2, "u.json", {"at /cassette"}});
  add({"VerifyBadAllowlist", {{"c.json", good}, {"secret-allowlist.txt", "0123456789abcdef\nnot hex\n"}},
       {"cassette", "verify", "@c.json"}, 2, "secret-allowlist.txt", {"at line 2", "synthbench.input.433"}});

  // --- score tables: `meta` refuses (exit 2).
  add({"MetaNulThenGarbage", {{"t.json", kTable + kNul + "{\"real\": {}}"}}, {"meta", "--input", "@t.json"}, 2, "t.json",
       {position_of(kTable + kNul, kNul), "NUL byte"}});
  add({"MetaTrailingGarbage", {{"t.json", kTable + "x"}}, {"meta", "--input", "@t.json"}, 2, "t.json",
       {position_of(kTable + "x", "x", 0)}});
  add({"MetaDeep", {{"t.json", edit(kTable, "\"metric\"", "\"description\": " + kDeep + ", \"metric\"")}},
       {"meta", "--input", "@t.json"}, 2, "t.json",
       {position_of(edit(kTable, "\"metric\"", "\"description\": " + kDeep + ", \"metric\""), kDeep, 511), "synthbench.input.103"}});
  add({"MetaMissingReal", {{"t.json", "{\"metric\": \"f1\", \"synthetic\": {}}"}}, {"meta", "--input", "@t.json"}, 2, "t.json",
       {"at /", "missing key \"real\""}});
  add({"MetaScoreNotANumber", {{"t.json", edit(kTable, "\"a\": 0.9", "\"a\": \"0.9\"")}}, {"meta", "--input", "@t.json"}, 2,
       "t.json", {"at /real/a"}});
  add({"MetaNumberOverflow", {{"t.json", edit(kTable, "0.9", "1e999")}}, {"meta", "--input", "@t.json"}, 2, "t.json",
       {position_of(edit(kTable, "0.9", "1e999"), "1e999")}});
  add({"MetaEmptyFile", {{"t.json", ""}}, {"meta", "--input", "@t.json"}, 2, "t.json", {"line 1, column 1"}});
  add({"MetaFolder", {}, {"meta", "--input", "@dir"}, 2, "", {"synthbench.io.1", "folder"}});
  add({"MetaDuplicateKey", {{"t.json", edit(kTable, "\"a\": 0.9,", "\"a\": 0.9, \"a\": 0.8,")}}, {"meta", "--input", "@t.json"}, 2,
       "t.json", {"at /real/a", "duplicate key"}});
  add({"MetaEmptyApproachName", {{"t.json", edit(kTable, "\"c\": 0.4", "\"\": 0.4")}}, {"meta", "--input", "@t.json"}, 2,
       "t.json", {"at /synthetic/g/", "synthbench.input.207"}});  // found by score_table_fuzz: was a usage error with no file
  add({"MetaApproachesDiffer", {{"t.json", edit(kTable, "\"c\": 0.4", "\"d\": 0.4")}}, {"meta", "--input", "@t.json"}, 2, "t.json",
       {"at /synthetic/g", "missing here: c"}});

  // --- JSON Lines: `score` refuses (exit 2), naming the line.
  const auto score = [](const char* task) {
    return std::vector<std::string>{"score", task, "--gold", "@gold.jsonl", "--pred", "@pred.jsonl"};
  };
  add({"ScoreNulInALine", {{"gold.jsonl", edit(kGold, "\"t1\"}", "\"t1\"}" + kNul + "x")}, {"pred.jsonl", kGold}}, score("intent"), 2,
       "gold.jsonl", {"line 2, column 29", "NUL byte"}});
  add({"ScoreBadJsonLine", {{"gold.jsonl", kGold + "{\"label\": \"A\" \"text\": \"t3\"}\n"}, {"pred.jsonl", kGold}}, score("intent"), 2,
       "gold.jsonl", {"line 4, column 20"}});
  add({"ScoreDeepRecord", {{"gold.jsonl", kGold}, {"pred.jsonl", edit(kGold, "\"text\": \"t1\"", "\"text\": \"t1\", \"x\": " + kDeep)}},
       score("intent"), 2, "pred.jsonl", {"line 2, column 546", "synthbench.input.103"}});
  add({"ScoreLineNotAnObject", {{"gold.jsonl", "[1, 2]\n"}, {"pred.jsonl", kGold}}, score("intent"), 2, "gold.jsonl",
       {"line 1", "synthbench.input.310"}});
  add({"ScoreMissingKey", {{"gold.jsonl", edit(kGold, "\"label\": \"B\", ", "")}, {"pred.jsonl", kGold}}, score("intent"), 2,
       "gold.jsonl", {"line 2", "missing key \"label\""}});
  add({"ScoreNerNegativeOffset", {{"gold.jsonl", kNerGold}, {"pred.jsonl", edit(kNerGold, "\"start\": 0", "\"start\": -1")}},
       score("ner"), 2, "pred.jsonl", {"line 1, /entities/0/start"}});
  add({"ScoreStsGoldNotANumber", {{"gold.jsonl", edit(kStsGold, "3.5", "\"high\"")}, {"pred.jsonl", kStsGold}}, score("sts"), 2,
       "gold.jsonl", {"line 1"}});
  add({"ScoreGoldFolder", {{"pred.jsonl", kGold}}, {"score", "intent", "--gold", "@dir", "--pred", "@pred.jsonl"}, 2, "",
       {"synthbench.io.1", "folder"}});
  add({"ScoreBadLabels", {{"gold.jsonl", kGold}, {"pred.jsonl", kGold}, {"labels.json", "[\"A\", 3]"}},
       {"score", "intent", "--gold", "@gold.jsonl", "--pred", "@pred.jsonl", "--labels", "@labels.json"}, 2, "labels.json",
       {"synthbench.input.316"}});

  // --- command lines: exit 2, naming the option or argument.
  add({"MetaWithoutInput", {}, {"meta"}, 2, "", {"missing required option --input"}});
  add({"MetaBadFormat", {{"t.json", kTable}}, {"meta", "--input", "@t.json", "--format", "xml"}, 2, "", {"--format must be json or markdown"}});
  add({"MetaInputWithoutValue", {}, {"meta", "--input"}, 2, "", {"--input needs a value"}});
  add({"UnknownCommand", {}, {"frobnicate"}, 2, "", {"unknown command 'frobnicate'"}});
  add({"ScoreUnknownTask", {}, {"score", "pos"}, 2, "", {"unknown task 'pos'"}});
  add({"ScoreBadBootstrap", {{"gold.jsonl", kGold}, {"pred.jsonl", kGold}},
       {"score", "intent", "--gold", "@gold.jsonl", "--pred", "@pred.jsonl", "--bootstrap", "many"}, 2, "", {"--bootstrap"}});
  add({"ScoreOptionTwice", {{"gold.jsonl", kGold}},
       {"score", "intent", "--gold", "@gold.jsonl", "--gold", "@gold.jsonl", "--pred", "@gold.jsonl"}, 2, "", {"--gold given twice"}});
  add({"VerifyUnknownOption", {}, {"cassette", "verify", "--bogus", "x"}, 2, "", {"unknown option --bogus"}});
  add({"MergeWithoutInputs", {}, {"cassette", "merge", "@dir/out.json"}, 2, "", {"give OUT and at least one IN"}});
  return c;
}

// The hash and size of every file under `dir`.
std::map<std::string, std::pair<std::uint64_t, std::size_t>> snapshot(const fs::path& dir) {
  std::map<std::string, std::pair<std::uint64_t, std::size_t>> out;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    const std::string text = synthbench::detail::read_file(entry.path());
    out[entry.path().lexically_relative(dir).string()] = {synthbench::detail::fnv1a64(text), text.size()};
  }
  return out;
}

// gtest prints a failing parameter by its name, not its bytes.
void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class MalformedInput : public ::testing::TestWithParam<Case> {};

TEST_P(MalformedInput, ClearErrorNamingFileAndPositionNothingModifiedWithinBounds) {
  const Case& c = GetParam();
  const fs::path dir = synthbench_test_support::make_temp_dir("synthbench-malformed");
  for (const auto& [name, content] : c.files) std::ofstream(dir / name, std::ios::binary) << content;
  const auto before = snapshot(dir);
  std::vector<std::string> argv{synthbench_test_support::cli_path().string()};
  for (const auto& a : c.args) {
    if (a.rfind("@dir", 0) == 0) {
      argv.push_back(dir.string() + a.substr(4));
    } else if (a[0] == '@') {
      argv.push_back((dir / a.substr(1)).string());
    } else {
      argv.push_back(a);
    }
  }
  const auto r = synthbench_test_support::run_process(argv, {}, {}, kTimeoutSeconds);
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.exit_code, c.exit) << r.out << r.err;
  const std::string message = c.exit == 1 ? r.out : r.err;
  if (!c.file.empty()) {
    EXPECT_NE(message.find((dir / c.file).string()), std::string::npos) << message;
  }
  for (const auto& s : c.says) EXPECT_NE(message.find(s), std::string::npos) << "no '" << s << "' in: " << message;
  EXPECT_EQ(r.err.find("internal error"), std::string::npos) << r.err;
  if (c.exit == 2) {
    EXPECT_TRUE(r.out.empty()) << r.out;
  }
  // Nothing modified: every input as it was, nothing new but a lock file.
  auto after = snapshot(dir);
  for (auto it = after.begin(); it != after.end();) {
    it = it->first.size() > 5 && it->first.compare(it->first.size() - 5, 5, ".lock") == 0 ? after.erase(it) : std::next(it);
  }
  EXPECT_EQ(after, before);
  EXPECT_LT(r.max_rss_kb, kMaxRssKb);
  ::testing::Test::RecordProperty("peak_rss_kb", std::to_string(r.max_rss_kb));
  ::testing::Test::RecordProperty("seconds", std::to_string(r.seconds));
  fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Catalogue, MalformedInput, ::testing::ValuesIn(catalogue()),
                         [](const ::testing::TestParamInfo<Case>& p) { return p.param.name; });

TEST(MalformedInputCatalogue, HasAtLeastFortyCasesOfEveryKind) {
  std::set<std::string> kinds;
  for (const auto& c : catalogue()) kinds.insert(c.args.empty() ? "" : c.args[0]);
  EXPECT_GE(catalogue().size(), 40u);
  EXPECT_EQ(kinds, (std::set<std::string>{"cassette", "frobnicate", "meta", "score"}));
}

// Finite scores of extreme magnitude: statistics that overflow say why instead of an
// unexplained null, and Markdown never shows inf or nan (issue 15).
TEST(MetaExtremeScores, OverflowIsAnUndefinedValueWithItsReason) {
  const fs::path dir = synthbench_test_support::make_temp_dir("synthbench-extreme");
  const fs::path table = dir / "t.json";
  std::ofstream(table) << R"({"metric": "f1", "real": {"a": 1e308, "b": -1e308, "c": 0.5},
                              "synthetic": {"g": {"a": -1e308, "b": 1e308, "c": 0.2}}})";
  const auto json = synthbench_test_support::run_process({synthbench_test_support::cli_path().string(), "meta", "--input", table.string()});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto doc = nlohmann::json::parse(json.out);
  for (const char* dataset : {"g", "average"}) {
    const auto& d = doc["datasets"][dataset];
    // (1e308 - -1e308)^2 and the real winner a minus the real score of the synthetic winner b,
    // 1e308 - -1e308 = 2e308: beyond a double. Both null, with their reason.
    for (const char* stat : {"mspd", "selection_regret"}) {
      EXPECT_TRUE(d[stat].is_null()) << dataset << " " << stat;
      ASSERT_TRUE(d["undefined"].contains(stat)) << dataset << " " << stat << ": " << d.dump();
      EXPECT_EQ(d["undefined"][stat].get<std::string>().rfind("undefined (not_finite): ", 0), 0u) << d["undefined"][stat];
    }
    // Defined: ranks (reversed, SRCC -1), top-1 (b wins synthetic, a wins real), and the gap
    // mean((-1e308 - 1e308) + (1e308 - -1e308) + (0.2 - 0.5)) / 3 = -0.1, summed as differences
    // divided by 3 so that no term overflows.
    EXPECT_EQ(d["srcc"], -1.0);
    EXPECT_EQ(d["top1_agreement"], false);
    EXPECT_NEAR(d["difficulty_gap"].get<double>(), -0.1, 1e-12);
  }
  const auto md = synthbench_test_support::run_process(
      {synthbench_test_support::cli_path().string(), "meta", "--input", table.string(), "--format", "markdown"});
  ASSERT_EQ(md.exit_code, 0) << md.err;
  EXPECT_EQ(md.out.find("inf"), std::string::npos) << md.out;
  EXPECT_EQ(md.out.find("nan"), std::string::npos) << md.out;
  EXPECT_NE(md.out.find("undefined (not_finite)"), std::string::npos) << md.out;
  fs::remove_all(dir);
}

}  // namespace

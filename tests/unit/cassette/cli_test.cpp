// `synthbench cassette ...` run as a real process: exit codes, messages, files.

#include <synthbench/cassette.hpp>

#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "cassette_test_support.hpp"
#include "synthbench/detail/files.hpp"

namespace {

using cassette_test::TempDir;
using synthbench::cassette::Cassette;
using synthbench::cassette::Interaction;

struct CliRun {
  int status = -1;
  std::string out;
  std::string err;
};

class CassetteCli : public ::testing::Test {
 protected:
  TempDir dir_;

  CliRun run(const std::string& args, const std::string& env = "") {
    const auto out = dir_.path / "stdout.txt";
    const auto err = dir_.path / "stderr.txt";
    const std::string command = env + " " + synthbench_test_support::cli_path().string() + " " + args + " >" +
                                out.string() + " 2>" + err.string() + " </dev/null";
    const int raw = std::system(command.c_str());
    CliRun r;
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.out = synthbench::detail::read_file(out);
    r.err = synthbench::detail::read_file(err);
    return r;
  }

  std::string write(const std::string& name, const std::string& content) {
    const auto path = dir_.path / name;
    std::ofstream(path) << content;
    return path.string();
  }

  static Interaction make(const std::string& text, const std::string& answer, std::size_t replicate = 0) {
    Interaction i;
    i.request = synthbench::cassette::canonical_key(cassette_test::request(text), {"openai", "127.0.0.1"});
    i.replicate = replicate;
    i.response.content = answer;
    i.response.model = "m";
    i.response.usage = synthbench::llm::TokenUsage{7, 3, 10};
    i.response.latency = std::chrono::microseconds(2000);
    i.response.raw_body = synthbench::llm::to_openai_json(i.response).dump();
    return i;
  }

  std::string cassette(const std::string& name, std::vector<Interaction> interactions) {
    Cassette c;
    c.interactions = std::move(interactions);
    return write(name, synthbench::cassette::dump_cassette(c));
  }
};

TEST_F(CassetteCli, HelpOnEverySubcommand) {
  for (const char* sub : {"", "verify ", "stats ", "prune ", "merge "}) {
    const CliRun r = run(std::string("cassette ") + sub + "--help");
    EXPECT_EQ(r.status, 0) << sub;
    EXPECT_NE(r.out.find("usage: synthbench cassette"), std::string::npos) << sub;
  }
  const CliRun top = run("--help");
  EXPECT_NE(top.out.find("cassette"), std::string::npos);
  EXPECT_EQ(run("cassette").status, 2);
  const CliRun unknown = run("cassette rewind");
  EXPECT_EQ(unknown.status, 2);
  EXPECT_NE(unknown.err.find("unknown subcommand 'rewind'"), std::string::npos);
  EXPECT_EQ(run("cassette verify").status, 2);
  EXPECT_EQ(run("cassette verify --bogus x").status, 2);
}

TEST_F(CassetteCli, VerifyPassesACleanCassetteAndTheCommittedExample) {
  const std::string good = cassette("good.json", {make("a", "A")});
  const CliRun r = run("cassette verify " + good + " cassettes/local-test-server-example.json");
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_NE(r.out.find(good + ": ok"), std::string::npos);
}

TEST_F(CassetteCli, VerifyFindingsExitOne) {
  const std::string leaky = cassette("leaky.json", {make("my key sk-" + std::string(25, 'k'), "A")});
  CliRun r = run("cassette verify " + leaky);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find(leaky + " at line "), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find(std::string(25, 'k')), std::string::npos);  // never prints the secret

  const std::string env_secret = cassette("env.json", {make("value cli-secret-value-123", "A")});
  EXPECT_EQ(run("cassette verify " + env_secret).status, 0);
  EXPECT_EQ(run("cassette verify " + env_secret, "OPENAI_API_KEY=cli-secret-value-123").status, 1);
  EXPECT_EQ(run("cassette verify --secret-env MY_VAR " + env_secret, "MY_VAR=cli-secret-value-123").status, 1);

  const std::string truncated = write("truncated.json", synthbench::detail::read_file(leaky).substr(0, 100));
  r = run("cassette verify " + truncated);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find(truncated + " at line "), std::string::npos) << r.out;
  const std::string future = write("future.json", R"({"format": 3, "interactions": [], "metadata": {}})");
  r = run("cassette verify " + future);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find(future + " at /format: unsupported cassette format 3"), std::string::npos) << r.out;
  r = run("cassette verify " + (dir_.path / "missing.json").string());
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("missing.json"), std::string::npos);
}

TEST_F(CassetteCli, StatsTextAndJson) {
  const std::string file = cassette("s.json", {make("a", "A"), make("b", "B")});
  CliRun r = run("cassette stats " + file);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("2 interaction(s)"), std::string::npos);
  EXPECT_NE(r.out.find("m "), std::string::npos);
  r = run("cassette stats --format json " + file);
  EXPECT_EQ(r.status, 0);
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc[file]["models"]["m"]["interactions"], 2);
  EXPECT_EQ(doc[file]["models"]["m"]["prompt_tokens"], 14);
  EXPECT_EQ(doc[file]["models"]["m"]["latency_ms"]["median"], 2.0);
  EXPECT_EQ(run("cassette stats --format xml " + file).status, 2);
  const std::string bad = write("bad.json", "{\"format\": 1,\n \"interactions\": [}");
  r = run("cassette stats " + bad);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find(bad + " at line 2, column"), std::string::npos) << r.err;
}

TEST_F(CassetteCli, PruneKeepsWhatTheUsageFileLists) {
  const std::string file = cassette("p.json", {make("a", "A"), make("b", "B"), make("c", "C")});
  const auto c = synthbench::cassette::read_cassette(file);
  const auto usage = dir_.path / "p.json.usage.json";
  synthbench::cassette::add_usage(usage, file, {synthbench::cassette::interaction_id(c.interactions[1].request, 0)});
  CliRun r = run("cassette prune --dry-run --usage " + usage.string() + " " + file);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("would drop 2"), std::string::npos);
  EXPECT_EQ(synthbench::cassette::read_cassette(file).interactions.size(), 3u);
  r = run("cassette prune --usage " + usage.string() + " " + file);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("kept 1, dropped 2"), std::string::npos);
  const auto pruned = synthbench::cassette::read_cassette(file);
  ASSERT_EQ(pruned.interactions.size(), 1u);
  EXPECT_EQ(pruned.interactions[0].response.content, "B");
  // Malformed or mismatched usage files are bad input.
  const std::string bad_usage = write("u.json", R"({"format": 1, "cassette": "p.json", "used": ["xyz"]})");
  r = run("cassette prune --usage " + bad_usage + " " + file);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find(bad_usage + " at /used/0"), std::string::npos) << r.err;
  const std::string other = write("o.json", R"({"format": 1, "cassette": "other.json", "used": []})");
  r = run("cassette prune --usage " + other + " " + file);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("synthbench.input.421"), std::string::npos) << r.err;
  EXPECT_EQ(run("cassette prune " + file).status, 2);  // --usage is required
}

TEST_F(CassetteCli, MergeShardsAndReportConflicts) {
  const std::string s1 = cassette("s1.json", {make("a", "A"), make("b", "B")});
  const std::string s2 = cassette("s2.json", {make("b", "B"), make("c", "C")});
  const std::string out = (dir_.path / "merged.json").string();
  CliRun r = run("cassette merge " + out + " " + s1 + " " + s2);
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("3 interaction(s) from 2 input(s), 1 duplicate(s), 0 conflict(s)"), std::string::npos) << r.out;
  EXPECT_EQ(synthbench::cassette::read_cassette(out).interactions.size(), 3u);

  const std::string s3 = cassette("s3.json", {make("a", "different")});
  r = run("cassette merge " + out + " " + s1 + " " + s3);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("conflict: replicate 0 of"), std::string::npos);
  EXPECT_NE(r.out.find("differs in content between " + s1 + " (kept) and " + s3 + " (dropped)"), std::string::npos)
      << r.out;
  const std::string broken = write("broken.json", "{\"format\": 1, \"interactions\": 5, \"metadata\": {}}");
  r = run("cassette merge " + out + " " + s1 + " " + broken);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find(broken + " at /interactions"), std::string::npos) << r.err;
  EXPECT_EQ(run("cassette merge " + out).status, 2);
}

}  // namespace

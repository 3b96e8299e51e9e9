#include <synthbench/experiment/generators/pregenerated.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "unit/experiment/dataset_test_support.hpp"

namespace {

using synthbench::GenerationRequest;
using synthbench::IntentItem;
using synthbench::PregeneratedGenerator;
using synthbench::sg4nlp_generated_files;
using synthbench_test_support::expect_usage_error;
using synthbench_test_support::TempDir;

std::string intent_lines(std::size_t n) {
  std::string text;
  for (std::size_t i = 0; i < n; ++i) text += "{\"label\": \"L" + std::to_string(i % 3) + "\", \"text\": \"t" + std::to_string(i) + "\"}\n";
  return text;
}

TEST(Sg4nlpGeneratedFiles, OnePerGeneratorSortedLargestN) {
  TempDir dir;
  dir.write("generated/headlines/gpt-4o.k1.n200.jsonl", "");
  dir.write("generated/headlines/gpt-4o-mini.k1.n10.jsonl", "");
  dir.write("generated/headlines/gpt-4o-mini.k1.n200.jsonl", "");
  dir.write("generated/headlines/Mixtral-8x22B-Instruct-v0.1.k1.n200.jsonl", "");
  dir.write("generated/headlines/Mixtral-8x22B-Instruct-v0.1.k2.n200.jsonl", "");
  dir.write("generated/headlines/gpt-4o.k1.n200.entity_pool.json", "");  // not a dataset
  dir.write("generated/headlines/notes.txt", "");
  dir.write("generated/headlines/odd.kx.n5.jsonl", "");                    // not k<digits>
  dir.write("generated/snips/gpt-4o.k1.n200.jsonl", "");
  const auto files = sg4nlp_generated_files(dir.path(), "headlines", 1);
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[0].name, "Mixtral-8x22B-Instruct-v0.1");
  EXPECT_EQ(files[1].name, "gpt-4o");
  EXPECT_EQ(files[2].name, "gpt-4o-mini");
  EXPECT_EQ(files[2].n, 200u);
  EXPECT_EQ(files[2].k, 1u);
  EXPECT_EQ(files[2].path, dir.path() / "generated" / "headlines" / "gpt-4o-mini.k1.n200.jsonl");
  EXPECT_EQ(sg4nlp_generated_files(dir.path(), "headlines", 2).size(), 1u);

  const auto unknown = expect_usage_error([&] { sg4nlp_generated_files(dir.path(), "atis", 1); }, "synthbench.usage.51");
  EXPECT_NE(unknown.find("(known datasets: headlines, snips)"), std::string::npos) << unknown;
  const auto no_k = expect_usage_error([&] { sg4nlp_generated_files(dir.path(), "headlines", 5); }, "synthbench.usage.52");
  EXPECT_NE(no_k.find("(k available: 1, 2)"), std::string::npos) << no_k;
}

TEST(PregeneratedGenerator, TruncatesToTheRequestAndReportsShortFiles) {
  TempDir dir;
  const auto path = dir.write("gpt-4o.k1.n5.jsonl", intent_lines(5) + "{\"label\": \"L0\", \"text\": \"\"}\n");
  PregeneratedGenerator<IntentItem> generator("gpt-4o", path);
  EXPECT_EQ(generator.name(), "gpt-4o");
  EXPECT_EQ(generator.path(), path);
  GenerationRequest<IntentItem> request;
  request.count = 3;
  const auto three = generator.generate(request);
  EXPECT_EQ(three.name, "gpt-4o");
  EXPECT_EQ(three.source, path.string());
  ASSERT_EQ(three.size(), 3u);
  EXPECT_EQ(three.items[2].text, "t2");
  EXPECT_TRUE(three.report.issues.empty()) << "the blank record is past the first three items";
  // Asked for 200: the file has 5 usable items; the loader's report and the shortfall.
  request.count = 200;
  const auto all = generator.generate(request);
  ASSERT_EQ(all.size(), 5u);
  ASSERT_EQ(all.report.issues.size(), 2u);
  EXPECT_EQ(all.report.issues[0].kind, "dropped_item");
  EXPECT_EQ(all.report.issues[1].kind, "short_dataset");
  EXPECT_EQ(all.report.issues[1].detail, "5 items where 200 were requested (gpt-4o.k1.n5.jsonl)");
  // Without truncation every item is kept.
  PregeneratedGenerator<IntentItem> whole("gpt-4o", path, false);
  request.count = 3;
  EXPECT_EQ(whole.generate(request).size(), 5u);
  expect_usage_error([&] { PregeneratedGenerator<IntentItem>("", path); }, "synthbench.usage.54");
}

TEST(PregeneratedGenerator, AnyLoader) {
  TempDir dir;
  const auto path = dir.write("gen.tsv", "x");
  synthbench::DatasetLoader<IntentItem> loader = [](const std::filesystem::path& p, const std::string& name) {
    synthbench::IntentDataset d;
    d.name = name;
    d.source = p.string();
    d.items = {{"hello", "Greet"}, {"bye", "Leave"}};
    return d;
  };
  PregeneratedGenerator<IntentItem> generator("custom", path, true, loader);
  GenerationRequest<IntentItem> request;
  request.count = 2;
  const auto d = generator.generate(request);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d.items[1].label, "Leave");
  EXPECT_TRUE(d.report.issues.empty());
}

TEST(PregeneratedGenerators, OneGeneratorPerFile) {
  TempDir dir;
  dir.write("generated/snips/a.k1.n3.jsonl", intent_lines(3));
  dir.write("generated/snips/b.k1.n3.jsonl", intent_lines(3));
  dir.write("generated/snips/b.k2.n3.jsonl", intent_lines(3));
  const auto generators = synthbench::pregenerated_generators<IntentItem>(dir.path(), "snips", 1);
  ASSERT_EQ(generators.size(), 2u);
  EXPECT_EQ(generators[0]->name(), "a");
  EXPECT_EQ(generators[1]->name(), "b");
  GenerationRequest<IntentItem> request;
  request.count = 3;
  EXPECT_EQ(generators[1]->generate(request).size(), 3u);
}

}  // namespace

// interaction_id() names stored interactions in usage files and `synthbench cassette prune`:
// its values must not change when its hash (FNV-1a 64, detail/hash.hpp) moves or is reused.
// Expected ids computed independently in Python from the committed cassette files:
//   req = json.dumps(interaction["request"], separators=(",", ":"), sort_keys=True, ensure_ascii=False)
//   FNV-1a 64 (offset basis 0xcbf29ce484222325, prime 0x100000001b3) over
//   (req + "\n" + str(interaction["replicate"])).encode(), as 16 lower-case hex digits.

#include <synthbench/cassette/format.hpp>
#include <synthbench/detail/files.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

namespace {

using synthbench::cassette::interaction_id;

std::vector<std::string> ids_of(const std::filesystem::path& path) {
  const auto cassette = synthbench::cassette::parse_cassette(synthbench::detail::read_file(path), path.string());
  std::vector<std::string> ids;
  for (const auto& i : cassette.interactions) ids.push_back(interaction_id(i.request, i.replicate));
  return ids;
}

TEST(InteractionId, FnvOfTheRequestANewlineAndTheReplicate) {
  EXPECT_EQ(interaction_id("", 0), "08549407b5086ab7");   // FNV-1a of "\n0"
  EXPECT_EQ(interaction_id("r", 0), "8a890419617bb187");  // of "r\n0"
}

TEST(InteractionId, TheCommittedCassettesKeepTheirIds) {
  EXPECT_EQ(ids_of("cassettes/local-test-server-example.json"),
            (std::vector<std::string>{"afe4e00d975de0a0", "05db3cbf5953224a", "1a2a05d3bc679c0f", "1a2a04d3bc679a5c"}));
  const auto demo = ids_of("cassettes/intent_demo_local_models.json");
  ASSERT_EQ(demo.size(), 409u);
  EXPECT_EQ(demo[0], "8c8157ff6ffb57ec");
  EXPECT_EQ(demo[1], "53546b1ffc10ed4e");
  EXPECT_EQ(demo[2], "44b86477aefb641e");
  EXPECT_EQ(demo[3], "f49db7384899fd9f");
  EXPECT_EQ(demo[408], "d4c8a6f0856a2247");
}

}  // namespace

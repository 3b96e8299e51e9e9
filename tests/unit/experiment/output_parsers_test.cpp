// The task parsers of LLM answers (experiment/output_parsers.hpp) on tables of realistic
// messy answers, each with the exact expected value or failure reason.
#include <synthbench/experiment/output_parsers.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using synthbench::IntentItem;
using synthbench::LabelSet;
using synthbench::NerItem;
using synthbench::SimilarityItem;

const LabelSet& snips() {
  static const LabelSet s({"AddToPlaylist", "BookRestaurant", "GetWeather", "PlayMusic", "RateBook", "SearchCreativeWork",
                           "SearchScreeningEvent"});
  return s;
}

const LabelSet& atis() {
  static const LabelSet s({"atis_flight", "atis_airfare", "atis_flight#atis_airfare", "atis_ground_service", "atis_abbreviation"});
  return s;
}

std::string intent(const std::string& answer, const LabelSet& labels = snips(), synthbench::IntentAnswerOptions o = {}) {
  const auto r = synthbench::parse_intent_answer(answer, labels, o);
  return r ? r.value() : "!" + r.code();
}

struct IntentCase {
  const char* answer;
  const char* expected;  // the label, or "!reason"
};

TEST(ParseIntentAnswer, SnipsTable) {
  const std::vector<IntentCase> table = {
      // The label alone, up to case, spaces and punctuation.
      {"AddToPlaylist", "AddToPlaylist"},
      {"addtoplaylist", "AddToPlaylist"},
      {"ADD TO PLAYLIST", "AddToPlaylist"},
      {"add to playlist", "AddToPlaylist"},
      {"add_to_playlist", "AddToPlaylist"},
      {"Add-To-Playlist", "AddToPlaylist"},
      {"AddToPlaylist.", "AddToPlaylist"},
      {"  AddToPlaylist \n", "AddToPlaylist"},
      {"`AddToPlaylist`", "AddToPlaylist"},
      {"**AddToPlaylist**", "AddToPlaylist"},
      {"\"AddToPlaylist\"", "AddToPlaylist"},
      {"'AddToPlaylist'", "AddToPlaylist"},
      {"\xE2\x80\x9C" "AddToPlaylist" "\xE2\x80\x9D", "AddToPlaylist"},  // curly quotes
      {"[AddToPlaylist]", "AddToPlaylist"},
      {"```\nGetWeather\n```", "GetWeather"},
      {"```text\nGetWeather\n```", "GetWeather"},
      {"AddToPlaylist\nAddToPlaylist", "AddToPlaylist"},
      // After a lead-in.
      {"Intent: AddToPlaylist", "AddToPlaylist"},
      {"intent - add to playlist", "AddToPlaylist"},
      {"Label: RateBook", "RateBook"},
      {"Answer: RateBook", "RateBook"},
      {"The intent is RateBook.", "RateBook"},
      {"The answer is: RateBook", "RateBook"},
      {"Final answer: PlayMusic", "PlayMusic"},
      {"Predicted intent: PlayMusic", "PlayMusic"},
      {"**Intent:** `BookRestaurant`", "BookRestaurant"},
      // JSON.
      {R"({"intent": "AddToPlaylist"})", "AddToPlaylist"},
      {R"({"intent": "add to playlist"})", "AddToPlaylist"},
      {R"({"Intent": "PlayMusic"})", "PlayMusic"},
      {R"({"label": "GetWeather"})", "GetWeather"},
      {R"({'intent': 'GetWeather'})", "GetWeather"},
      {R"({"intent": "GetWeather", "confidence": 0.93, "reason": "asks about rain"})", "GetWeather"},
      {"```json\n{\"intent\": \"SearchCreativeWork\"}\n```", "SearchCreativeWork"},
      {"Sure! Here's the classification:\n```json\n{\n  \"intent\": \"SearchScreeningEvent\"\n}\n```", "SearchScreeningEvent"},
      {R"({"intent": ["RateBook"]})", "RateBook"},
      {R"({"intent": "RateBook", "label": "rate book"})", "RateBook"},
      {R"({"intent": "RateBook"} ... {"intent": "RateBook", "confidence": 1})", "RateBook"},
      {"<think>Could be PlayMusic, but the user says playlist.</think>\nAddToPlaylist", "AddToPlaylist"},
      {R"({"intent": AddToPlaylist})", "AddToPlaylist"},  // broken JSON, but the text names one label
      // Invalid: empty.
      {"", "!empty"},
      {"   \n", "!empty"},
      {"...", "!empty"},
      {R"({"intent": ""})", "!empty"},
      {"<think>The user wants", "!empty"},
      // Invalid: unknown label.
      {"PlayMusik", "!unknown_label"},
      {"Music", "!unknown_label"},
      {"AddToPlaylist2", "!unknown_label"},
      {R"({"intent": "Greeting"})", "!unknown_label"},
      {R"({"intent": 3})", "!unknown_label"},
      {"I don't know.", "!unknown_label"},
      {"None of the above", "!unknown_label"},
      // Invalid: several labels.
      {"AddToPlaylist or PlayMusic", "!several_labels"},
      {"AddToPlaylist, PlayMusic", "!several_labels"},
      {"Not PlayMusic but AddToPlaylist", "!several_labels"},
      {R"({"intent": ["RateBook", "PlayMusic"]})", "!several_labels"},
      {R"({"intent": "RateBook", "label": "PlayMusic"})", "!several_labels"},
      {R"({"intent": "RateBook"} or {"intent": "PlayMusic"})", "!several_labels"},
      // Invalid: one label inside other prose.
      {"The user wants to add a song, so the intent is AddToPlaylist.", "!extra_text"},
      {"AddToPlaylist (the user mentions a playlist)", "!extra_text"},
      {"Intent: AddToPlaylist\nConfidence: high", "!extra_text"},
      // Invalid: truncated JSON is not read as text.
      {R"({"intent": "AddToPlaylist")", "!truncated"},
      {R"({"intent": "AddTo)", "!truncated"},
  };
  for (const auto& c : table) {
    SCOPED_TRACE(c.answer);
    EXPECT_EQ(intent(c.answer), c.expected);
  }
}

TEST(ParseIntentAnswer, AtisMultiIntentLabels) {
  EXPECT_EQ(intent("atis_flight#atis_airfare", atis()), "atis_flight#atis_airfare");
  EXPECT_EQ(intent("ATIS_FLIGHT # ATIS_AIRFARE", atis()), "atis_flight#atis_airfare");
  EXPECT_EQ(intent(R"({"intent": "atis_flight#atis_airfare"})", atis()), "atis_flight#atis_airfare");
  EXPECT_EQ(intent("Intent: atis_flight#atis_airfare.", atis()), "atis_flight#atis_airfare");
  EXPECT_EQ(intent("atis_flight", atis()), "atis_flight");
  EXPECT_EQ(intent("atis ground service", atis()), "atis_ground_service");
  // Two intents written as a list are two labels, not the multi-intent label.
  EXPECT_EQ(intent("atis_flight, atis_airfare", atis()), "!several_labels");
  EXPECT_EQ(intent("atis_flight and atis_airfare", atis()), "!several_labels");
  // The order of a multi-intent label is part of it: the other order names two labels.
  EXPECT_EQ(intent("atis_airfare#atis_flight", atis()), "!several_labels");
  // A bare intent without its prefix is not guessed.
  EXPECT_EQ(intent("flight", atis()), "!unknown_label");
  // A Markdown heading's '#' is not a joiner: "# Answer" is a lead-in.
  EXPECT_EQ(intent("# Answer\natis_flight", atis()), "atis_flight");
  EXPECT_EQ(intent("atis_flight #2", atis()), "!extra_text");
}

TEST(ParseIntentAnswer, LabelInProseCanBeAllowed) {
  synthbench::IntentAnswerOptions o;
  o.allow_label_in_prose = true;
  EXPECT_EQ(intent("The user wants to add a song, so the intent is AddToPlaylist.", snips(), o), "AddToPlaylist");
  EXPECT_EQ(intent("AddToPlaylist or PlayMusic", snips(), o), "!several_labels");
  EXPECT_EQ(intent("no idea", snips(), o), "!unknown_label");
}

TEST(ParseIntentAnswer, FailureDetails) {
  EXPECT_EQ(synthbench::parse_intent_answer("PlayMusik", snips()).detail(), "\"PlayMusik\" names no label of the set");
  EXPECT_EQ(synthbench::parse_intent_answer("AddToPlaylist or PlayMusic", snips()).detail(),
            "the answer names AddToPlaylist, PlayMusic");
  EXPECT_EQ(synthbench::parse_intent_answer("I'd say AddToPlaylist", snips()).detail(),
            "the answer names AddToPlaylist but has other text: \"I'd say AddToPlaylist\"");
  EXPECT_EQ(synthbench::parse_intent_answer(R"({"intent": "Greeting"})", snips()).detail(),
            "\"Greeting\" is not a label of the set");
}

TEST(LabelSet, KeysAndCollisions) {
  EXPECT_EQ(LabelSet::key("Add to playlist."), "addtoplaylist");
  EXPECT_EQ(LabelSet::key("atis_flight#atis_airfare"), "atisflight#atisairfare");
  EXPECT_EQ(LabelSet::key("Political Party"), "politicalparty");
  EXPECT_EQ(LabelSet::key("ÉVÉNEMENT"), "événement");
  try {
    LabelSet bad({"PlayMusic", "play_music"});
    FAIL();
  } catch (const synthbench::UsageError& e) {
    EXPECT_EQ(e.id(), "synthbench.usage.71");
  }
  EXPECT_THROW(LabelSet({"A", "??"}), synthbench::UsageError);
  EXPECT_EQ(LabelSet({"A", "A", "B"}).size(), 2u);  // an identical repeat is kept once
}

// --- similarity ----------------------------------------------------------------------

std::string score(const std::string& answer, synthbench::ScoreScale scale = {}) {
  const auto r = synthbench::parse_similarity_answer(answer, scale);
  if (!r) return "!" + r.code();
  return synthbench::detail::general(r.value(), 15);
}

TEST(ParseSimilarityAnswer, Table) {
  const std::vector<std::pair<const char*, const char*>> table = {
      {"3.8", "3.8"},
      {"4", "4"},
      {" 2.5 \n", "2.5"},
      {"0", "0"},
      {"5.0", "5"},
      {".5", "0.5"},
      {"3.8.", "3.8"},
      {"**3.8**", "3.8"},
      {"`4`", "4"},
      {"Score: 3.8", "3.8"},
      {"score = 3.8", "3.8"},
      {"Similarity: 4.2", "4.2"},
      {"The similarity score is 3.8.", "3.8"},
      {"The semantic similarity score is 1", "1"},
      {"Final answer: 2", "2"},
      {"Rating: 4/5", "4"},
      {"3.8/5", "3.8"},
      {"3.8 / 5", "3.8"},
      {"3.8 out of 5", "3.8"},
      {R"({"score": 4.2})", "4.2"},
      {R"({"score": "4.2"})", "4.2"},
      {R"({"Score": 3})", "3"},
      {R"({"similarity": 1.5, "explanation": "different topics, 2 shared words"})", "1.5"},
      {R"({'score': 3.0})", "3"},
      {"```json\n{\"score\": 2.4}\n```", "2.4"},
      {R"({"score": 4} and again {"score": 4.0})", "4"},
      {"<think>Maybe 2? The topics match, so 4.</think>\n4", "4"},
      {"```\n3\n```", "3"},
      {"2e0", "2"},  // what metrics::parse_score reads, this reads
      {"+3", "3"},
      // Failures.
      {"", "!empty"},
      {"<think>Let me count", "!empty"},
      {"high", "!no_number"},
      {"very similar", "!no_number"},
      {"about 3 or 4", "!several_numbers"},
      {"3-4", "!several_numbers"},
      {"3,5", "!several_numbers"},
      {R"({"score": 3} or {"score": 4})", "!several_numbers"},
      {R"({"score": 3, "similarity": 4})", "!several_numbers"},
      {"I would rate it 3", "!extra_text"},
      {"3.8 because both talk about the election", "!extra_text"},
      {"Score: 4\nScore: 4", "!extra_text"},
      {"GPT-4o rates this 3", "!extra_text"},
      {"8/10", "!other_scale"},
      {"4 out of 10", "!other_scale"},
      {"80%", "!other_scale"},
      {R"({"score": "high"})", "!not_a_number"},
      {R"({"score": null})", "!not_a_number"},
      {"5.5", "!out_of_range"},
      {"-1", "!out_of_range"},
      {R"({"score": 6})", "!out_of_range"},
      {"Score: 7/5", "!out_of_range"},
      {R"({"score": 4)", "!truncated"},
      {R"({"score": 4.)", "!truncated"},
  };
  for (const auto& [answer, expected] : table) {
    SCOPED_TRACE(answer);
    EXPECT_EQ(score(answer), expected);
  }
}

TEST(ParseSimilarityAnswer, OtherScalesAndDetails) {
  EXPECT_EQ(score("4/10", {0.0, 10.0}), "4");
  EXPECT_EQ(score("0.7", {0.0, 1.0}), "0.7");
  EXPECT_EQ(score("4/5", {0.0, 1.0}), "!other_scale");
  EXPECT_EQ(synthbench::parse_similarity_answer("5.5").detail(), "5.5 is outside the scale [0, 5]");
  EXPECT_EQ(synthbench::parse_similarity_answer("8/10").detail(), "a score out of 10, not out of 5");
  EXPECT_EQ(synthbench::parse_similarity_answer("about 3 or 4").detail(), "the answer holds the numbers 3, 4");
}

// --- NER -----------------------------------------------------------------------------

const LabelSet& politics() {
  static const LabelSet s({"politician", "political party", "country", "person", "organisation", "location", "election", "misc"});
  return s;
}

// "[start,end) type 'text'" for each entity, then "!index:reason" for each issue.
std::string ner(const std::string& answer, const std::string& input, const LabelSet& types = politics()) {
  const auto r = synthbench::parse_ner_answer(answer, input, types);
  if (!r) return "!" + r.code();
  std::string out;
  for (const auto& e : r.value().entities) {
    out += "[" + std::to_string(e.start) + "," + std::to_string(e.end) + ") " + e.type + " '" + e.text.value_or("?") + "' ";
  }
  for (const auto& i : r.value().issues) out += "!" + std::to_string(i.index) + ":" + i.code + " ";
  return out;
}

struct NerCase {
  const char* name;
  std::string answer;
  std::string input;
  std::string expected;
};

TEST(ParseNerAnswer, Table) {
  const std::string merkel = "Angela Merkel of the CDU met the SPD in Germany.";
  const std::vector<NerCase> table = {
      {"objects with text and type", R"([{"text": "Angela Merkel", "type": "politician"}, {"text": "CDU", "type": "political party"}])",
       merkel, "[0,13) politician 'Angela Merkel' [21,24) political party 'CDU' "},
      {"entity/label keys", R"([{"entity": "SPD", "label": "political party"}, {"name": "Germany", "entity_type": "country"}])", merkel,
       "[33,36) political party 'SPD' [40,47) country 'Germany' "},
      {"pairs", R"([["Germany", "country"], ["CDU", "political party"]])", merkel,
       "[21,24) political party 'CDU' [40,47) country 'Germany' "},
      {"python tuples", "[('Germany', 'country')]", merkel, "[40,47) country 'Germany' "},
      {"wrapped in entities", R"({"entities": [{"text": "Germany", "type": "country"}]})", merkel, "[40,47) country 'Germany' "},
      {"single entity object", R"({"text": "Germany", "type": "country"})", merkel, "[40,47) country 'Germany' "},
      {"type map", R"({"politician": ["Angela Merkel"], "country": "Germany"})", merkel,
       "[0,13) politician 'Angela Merkel' [40,47) country 'Germany' "},
      {"in a fence with prose", "Here are the entities:\n```json\n[{\"text\": \"SPD\", \"type\": \"political party\"}]\n```\nDone.",
       merkel, "[33,36) political party 'SPD' "},
      {"empty list", "[]", merkel, ""},
      {"empty wrapped list", R"({"entities": []})", merkel, ""},
      {"type case and spacing normalized", R"([["CDU", "Political Party"], ["SPD", "POLITICAL_PARTY"], ["Germany", "Country"]])", merkel,
       "[21,24) political party 'CDU' [33,36) political party 'SPD' [40,47) country 'Germany' "},
      {"unknown type dropped and counted", R"([["CDU", "party"], ["Germany", "country"]])", merkel,
       "[40,47) country 'Germany' !0:unknown_type "},
      {"not found dropped and counted", R"([["Helmut Kohl", "politician"], ["Germany", "country"]])", merkel,
       "[40,47) country 'Germany' !0:not_found "},
      {"case-insensitive when no exact match", R"([["angela merkel", "politician"]])", merkel, "[0,13) politician 'Angela Merkel' "},
      {"surrounding whitespace of a mention ignored", R"([[" CDU ", "political party"]])", merkel, "[21,24) political party 'CDU' "},
      {"no match inside a longer word", R"([["Merk", "person"], ["the", "misc"]])", merkel, "[17,20) misc 'the' !0:not_found "},
      {"repeated mentions take successive occurrences", R"([["EU", "organisation"], ["EU", "organisation"], ["EU", "organisation"]])",
       "The EU and the EU.", "[4,6) organisation 'EU' [15,17) organisation 'EU' !2:duplicate "},
      {"exact occurrences before case-insensitive ones", R"([["Labour", "political party"], ["labour", "misc"]])",
       "labour law and Labour", "[0,6) misc 'labour' [15,21) political party 'Labour' "},
      {"case variants share occurrences", R"([["labour", "misc"], ["Labour", "political party"], ["LABOUR", "misc"]])",
       "Labour and labour", "[0,6) political party 'Labour' [11,17) misc 'labour' !2:duplicate "},
      {"a shorter mention does not take an occurrence inside a longer entity",
       R"([["Merkel", "politician"], ["Angela Merkel", "politician"]])", "Angela Merkel met Merkel's aide",
       "[0,13) politician 'Angela Merkel' [18,24) politician 'Merkel' "},
      {"a nested entity when that is the only occurrence", R"([["Merkel", "politician"], ["Angela Merkel", "politician"]])",
       "Angela Merkel spoke.", "[0,13) politician 'Angela Merkel' [7,13) politician 'Merkel' "},
      {"clear of other entities before exact", R"([["Labour Party", "political party"], ["labour", "misc"]])",
       "The Labour Party backs labour law", "[4,16) political party 'Labour Party' [23,29) misc 'labour' "},
      {"overlapping entities of different texts", R"([["New York", "location"], ["New York City", "location"]])",
       "New York City", "[0,8) location 'New York' [0,13) location 'New York City' "},
      {"unicode offsets in code points", R"([["Schröder", "politician"], ["Köln", "location"], ["東京", "location"]])",
       "Gerhard Schröder traf in Köln und 東京 ein.", "[8,16) politician 'Schröder' [25,29) location 'Köln' [34,36) location '東京' "},
      {"unicode case folding", R"([["schröder", "politician"], ["ÉLYSÉE", "location"]])", "Schröder à l'Élysée",
       "[0,8) politician 'Schröder' [13,19) location 'Élysée' "},
      {"CJK mentions need no word boundary", R"([["東京", "location"]])", "私は東京に住む", "[2,4) location '東京' "},
      {"emoji before the entity", R"([["Paris", "location"]])", "\xF0\x9F\x98\x80 Paris", "[2,7) location 'Paris' "},
      {"malformed entities dropped and counted",
       R"([{"text": "CDU"}, {"type": "country"}, ["SPD"], 5, {"text": "", "type": "misc"}, {"text": "SPD", "type": 3}, ["Germany", "country"]])",
       merkel, "[40,47) country 'Germany' !0:missing_type !1:missing_text !2:malformed_entity !3:malformed_entity !4:empty_text !5:malformed_entity "},
      {"two different texts for one entity", R"([{"text": "SPD", "entity": "CDU", "type": "political party"}])", merkel,
       "!0:malformed_entity "},
      {"trailing comma and single quotes", "[{'text': 'SPD', 'type': 'political party'},]", merkel, "[33,36) political party 'SPD' "},
      // Whole-answer failures.
      {"prose answer", "There are no named entities in this sentence.", merkel, "!no_json"},
      {"empty answer", "", merkel, "!empty"},
      {"truncated list", R"([{"text": "Angela Merkel", "type": "politician"}, {"text": "CD)", merkel, "!truncated"},
      {"wrong shape", R"("Angela Merkel")", merkel, "!unexpected_shape"},
      {"object of another shape", R"({"result": "none", "count": 0})", merkel, "!unexpected_shape"},
      {"entities that is not a list", R"({"entities": "none"})", merkel, "!unexpected_shape"},
      {"two different lists", R"([["CDU", "political party"]] or [["SPD", "political party"]])", merkel, "!ambiguous"},
      {"duplicate key", R"([{"text": "CDU", "text": "SPD", "type": "political party"}])", merkel, "!duplicate_key"},
  };
  for (const auto& c : table) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(ner(c.answer, c.input), c.expected);
  }
}

TEST(ParseNerAnswer, TypesKeptAsWrittenWithoutADeclaredSet) {
  EXPECT_EQ(ner(R"([["CDU", " Party "]])", "the CDU", LabelSet()), "[4,7) Party 'CDU' ");
}

TEST(ParseNerAnswer, IssueDetails) {
  const auto r = synthbench::parse_ner_answer(R"([["Kohl", "politician"], ["CDU", "party"], ["EU", "misc"], ["EU", "misc"], ["US", "country"]])",
                                              "The CDU in the EU and the USA", politics());
  ASSERT_TRUE(r);
  ASSERT_EQ(r.value().issues.size(), 4u);
  EXPECT_EQ(r.value().issues[0].detail, "\"Kohl\" does not occur in the text");
  EXPECT_EQ(r.value().issues[1].detail, "\"party\" (entity \"CDU\") is not a declared type");
  EXPECT_EQ(r.value().issues[2].detail, "\"EU\" is named more often than it occurs in the text");
  EXPECT_EQ(r.value().issues[3].detail, "\"US\" occurs in the text only inside longer words");
}

TEST(AlignMentions, OffsetsHoldTheInputText) {
  const std::string text = "Ça va à Genève? Genève, oui: GENÈVE!";
  const auto a = synthbench::align_mentions(text, {{"Genève", "x"}, {"genève", "x"}, {"Genève", "x"}, {"Genève", "x"}});
  ASSERT_EQ(a.size(), 4u);
  ASSERT_TRUE(a[0].entity && a[1].entity && a[2].entity);
  EXPECT_EQ(a[0].entity->start, 8u);
  EXPECT_EQ(a[1].entity->start, 16u);
  EXPECT_EQ(a[2].entity->start, 29u);
  EXPECT_EQ(*a[2].entity->text, "GENÈVE");
  EXPECT_FALSE(a[3].entity);
  EXPECT_EQ(a[3].code, "duplicate");
  synthbench::detail::Utf8Index index(text);
  for (std::size_t k = 0; k < 3; ++k) EXPECT_EQ(index.substr(a[k].entity->start, a[k].entity->end), *a[k].entity->text);
}

TEST(AlignMentions, TheRuleOfTheSpanRepair) {
  // detail/mention_search.hpp serves both aligners. Case folding beyond ASCII: "ΆΡΗΣ" is "Άρης"
  // (Ά folds to ά, Σ and final ς both to σ).
  const auto greek = synthbench::align_mentions("\u03bf \u0386\u03c1\u03b7\u03c2 \u03ae\u03c1\u03b8\u03b5",
                                                {{"\u0386\u03a1\u0397\u03a3", "person"}});
  ASSERT_TRUE(greek[0].entity);
  EXPECT_EQ(greek[0].entity->start, 2u);
  EXPECT_EQ(greek[0].entity->end, 6u);
  EXPECT_EQ(*greek[0].entity->text, "\u0386\u03c1\u03b7\u03c2");
  // A mention inside a word is no occurrence, even the only one; a later whole word is.
  const auto words = synthbench::align_mentions("Democrats and the USA; the US", {{"Democrat", "x"}, {"US", "y"}});
  EXPECT_EQ(words[0].code, "not_found");
  EXPECT_EQ(words[0].detail, "\"Democrat\" occurs in the text only inside longer words");
  ASSERT_TRUE(words[1].entity);
  EXPECT_EQ(words[1].entity->start, 27u);
  // A mention that starts inside a character (a stray continuation byte) occurs nowhere: it is
  // not "der".
  const auto stray = synthbench::align_mentions("der Schr\303\266der", {{"\266der", "x"}});
  EXPECT_EQ(stray[0].code, "not_found");
}

// --- generated items -----------------------------------------------------------------

std::string generated_intents(const std::string& answer) {
  synthbench::ItemRules rules{snips(), {}};
  const auto r = synthbench::parse_generated_items<IntentItem>(answer, rules);
  if (!r) return "!" + r.code();
  std::string out;
  for (std::size_t k = 0; k < r.value().items.size(); ++k) {
    out += "L" + std::to_string(r.value().lines[k]) + ":" + r.value().items[k].label + ":" + r.value().items[k].text + " ";
  }
  for (const auto& i : r.value().issues) out += "!" + i.where + ":" + i.code + " ";
  return out;
}

TEST(ParseGeneratedItems, Intent) {
  EXPECT_EQ(generated_intents("[{\"text\": \"add this song to my chill list\", \"label\": \"AddToPlaylist\"},\n"
                              " {\"text\": \"will it rain in Oslo\", \"label\": \"get weather\"}]"),
            "L1:AddToPlaylist:add this song to my chill list L2:GetWeather:will it rain in Oslo ");
  EXPECT_EQ(generated_intents("{\"text\": \"play some jazz\", \"intent\": \"PlayMusic\"}\n"
                              "{\"text\": \"  \", \"label\": \"PlayMusic\"}\n"
                              "{\"text\": \"book a table\", \"label\": \"Reservation\"}\n"
                              "{\"text\": \"rate it 5\"}\n"
                              "{\"text\": 5, \"label\": \"RateBook\"}\n"
                              "{\"text\": \"x\", \"label\": \"RateBook\", \"intent\": \"PlayMusic\"}\n"
                              "{\"text\": \"broken\" \"label\": \"RateBook\"}\n"
                              "{\"text\": \"  find the movie Up  \", \"label\": \"SearchCreativeWork\"}"),
            "L1:PlayMusic:play some jazz L8:SearchCreativeWork:find the movie Up !line 2:empty_text !line 3:unknown_label "
            "!line 4:missing_field !line 5:wrong_type !line 6:conflicting_fields !line 7:invalid_json ");
  EXPECT_EQ(generated_intents("```json\n[\n{\"text\": \"a\", \"label\": \"RateBook\"},\n{\"text\": \"b\", \"label\": \"Rate"),
            "L3:RateBook:a !line 2:truncated ");
  EXPECT_EQ(generated_intents("I can't help with that."), "!no_json");
  EXPECT_EQ(generated_intents("[\"play jazz\", \"rain?\"]"), "!unexpected_shape");
  EXPECT_EQ(generated_intents("[{\"text\": \"a\", \"label\": \"RateBook\"}, \"stray\"]"), "L1:RateBook:a !line 1:not_an_object ");
}

TEST(ParseGeneratedItems, Similarity) {
  synthbench::ItemRules rules;
  const auto r = synthbench::parse_generated_items<SimilarityItem>(
      "{\"text1\": \"Obama wins\", \"text2\": \"Obama re-elected\", \"score\": 4.2}\n"
      "{\"text1\": \"a\", \"text2\": \"b\", \"score\": \"3\"}\n"
      "{\"text1\": \"a\", \"text2\": \"b\", \"score\": 5.5}\n"
      "{\"text1\": \"a\", \"text2\": \"b\", \"score\": -0.5}\n"
      "{\"text1\": \"a\", \"text2\": \"b\", \"score\": \"high\"}\n"
      "{\"text1\": \"a\", \"score\": 1}\n"
      "{\"text1\": \"a\", \"text2\": \"\", \"score\": 1}\n"
      "{\"text1\": \"a\", \"text2\": \"b\"}",
      rules);
  ASSERT_TRUE(r);
  ASSERT_EQ(r.value().items.size(), 2u);
  EXPECT_EQ(r.value().items[0].text2, "Obama re-elected");
  EXPECT_EQ(r.value().items[0].score, 4.2);
  EXPECT_EQ(r.value().items[1].score, 3.0);
  std::vector<std::string> reasons;
  for (const auto& i : r.value().issues) reasons.push_back(i.where + ":" + i.code);
  EXPECT_EQ(reasons, (std::vector<std::string>{"line 3:out_of_range", "line 4:out_of_range", "line 5:not_a_number",
                                               "line 6:missing_field", "line 7:empty_text", "line 8:missing_field"}));
  EXPECT_EQ(r.value().issues[0].detail, "5.5 is outside the scale [0, 5]");
}

TEST(ParseGeneratedItems, Ner) {
  synthbench::ItemRules rules{politics(), {}};
  const auto r = synthbench::parse_generated_items<NerItem>(
      "[\n"
      " {\"text\": \"Schröder led the SPD; the SPD won.\", \"entities\": [{\"text\": \"Schröder\", \"type\": \"Politician\"},"
      " {\"text\": \"SPD\", \"type\": \"political party\"}, {\"text\": \"SPD\", \"type\": \"political party\"}]},\n"
      " {\"text\": \"No entity here.\", \"entities\": []},\n"
      " {\"text\": \"Kohl visited Bonn.\", \"entities\": [{\"text\": \"Kohl\", \"type\": \"politician\"}, {\"text\": \"Berlin\", \"type\": \"location\"}]},\n"
      " {\"text\": \"Kohl visited Bonn.\", \"entities\": [[\"Bonn\", \"city\"]]},\n"
      " {\"text\": \"The EU.\", \"entities\": [[\"EU\", \"organisation\"], [\"EU\", \"organisation\"]]},\n"
      " {\"text\": \"x\"},\n"
      " {\"text\": \"x\", \"entities\": \"none\"},\n"
      " {\"entities\": []}\n"
      "]",
      rules);
  ASSERT_TRUE(r);
  ASSERT_EQ(r.value().items.size(), 2u);
  const auto& first = r.value().items[0];
  ASSERT_EQ(first.entities.size(), 3u);
  EXPECT_EQ(first.entities[0].type, "politician");
  EXPECT_EQ(first.entities[0].start, 0u);
  EXPECT_EQ(first.entities[0].end, 8u);  // code points: "Schröder" is 8 characters, 9 bytes
  EXPECT_EQ(first.entities[1].start, 17u);
  EXPECT_EQ(first.entities[2].start, 26u);
  EXPECT_TRUE(r.value().items[1].entities.empty());
  std::vector<std::string> reasons;
  for (const auto& i : r.value().issues) reasons.push_back(i.where + ":" + i.code);
  EXPECT_EQ(reasons, (std::vector<std::string>{"line 4:entity_not_found", "line 5:entity_unknown_type", "line 6:entity_duplicate",
                                               "line 7:missing_field", "line 8:wrong_type", "line 9:missing_field"}));
  EXPECT_EQ(r.value().issues[0].detail, "entity 1: \"Berlin\" does not occur in the text");
}

}  // namespace

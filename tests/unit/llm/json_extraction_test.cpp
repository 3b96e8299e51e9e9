// llm::extract_json and llm::extract_json_records on a table of realistic messy answers:
// each case gives the exact value found (compact JSON) or the exact failure reason, and for
// a sample of failures the exact detail.
#include <synthbench/llm/json_extraction.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using synthbench::llm::extract_json;
using synthbench::llm::extract_json_records;
using synthbench::llm::JsonExtractionOptions;
using synthbench::llm::MultipleValues;

struct Case {
  const char* name;
  std::string answer;
  std::string expected;  // compact JSON of the value, or "!reason"
  std::vector<std::string> repairs = {};
};

std::string outcome(const std::string& answer, const JsonExtractionOptions& options = {}) {
  const auto r = extract_json(answer, options);
  return r ? r.value().value.dump() : "!" + r.code();
}

const std::vector<Case>& cases() {
  static const std::vector<Case> table = {
      // Bare JSON of every type.
      {"bare object", R"({"intent": "AddToPlaylist"})", R"({"intent":"AddToPlaylist"})"},
      {"bare object with surrounding whitespace", "\n\n  {\"a\": 1}  \n", R"({"a":1})"},
      {"bare array", R"([{"text": "Paris", "type": "location"}])", R"([{"text":"Paris","type":"location"}])"},
      {"bare empty array", "[]", "[]"},
      {"bare string", R"("AddToPlaylist")", R"("AddToPlaylist")"},
      {"bare number", "3.5", "3.5"},
      {"bare negative exponent", "-2.5e-1", "-0.25"},
      {"bare true", "true", "true"},
      {"bare null", "null", "null"},
      // Code fences.
      {"json fence", "```json\n{\"intent\": \"PlayMusic\"}\n```", R"({"intent":"PlayMusic"})"},
      {"JSON fence upper-case tag", "```JSON\n{\"a\": 1}\n```", R"({"a":1})"},
      {"fence without tag", "```\n[1, 2]\n```", "[1,2]"},
      {"fence with CRLF", "```json\r\n{\"a\": 1}\r\n```\r\n", R"({"a":1})"},
      {"inline fence", "Answer: ```{\"a\": 1}```", R"({"a":1})"},
      {"four backticks", "````json\n{\"a\": 1}\n````", R"({"a":1})"},
      {"fence with prose around", "Sure! Here is the classification:\n\n```json\n{\"intent\": \"GetWeather\"}\n```\n\nLet me know if you need more.",
       R"({"intent":"GetWeather"})"},
      {"fence holding a scalar", "```\n4.5\n```", "4.5"},
      {"python fence holding a dict", "```python\n{'label': 'X'}\n```", R"({"label":"X"})", {"single_quotes"}},
      {"fenced value wins over prose value", "Format: {\"intent\": \"<label>\"}\n```json\n{\"intent\": \"PlayMusic\"}\n```",
       R"({"intent":"PlayMusic"})"},
      {"prose used when the fence holds no JSON", "```python\nprint('hi')\n```\nAnswer: {\"a\": 1}", R"({"a":1})"},
      {"unclosed fence (cut off after the value)", "```json\n{\"a\": 1}\n", R"({"a":1})"},
      {"two fences with equal values", "```json\n{\"a\": 1}\n```\nagain:\n```json\n{\"a\": 1}\n```", R"({"a":1})"},
      {"two fences with different values", "```json\n{\"a\": 1}\n```\nor\n```json\n{\"a\": 2}\n```", "!ambiguous"},
      // Prose before and after.
      {"prose before", "The answer is {\"intent\": \"RateBook\"}", R"({"intent":"RateBook"})"},
      {"prose after", "{\"intent\": \"RateBook\"}\nI chose this because the user rates a book.", R"({"intent":"RateBook"})"},
      {"prose on both sides", "Here: [1, 2, 3]. Done.", "[1,2,3]"},
      {"prose brackets are not JSON", "Note [see above]: {\"a\": 1} {placeholder}", R"({"a":1})"},
      {"prose with apostrophes in brackets", "[it's fine] {\"a\": 1}", R"({"a":1})"},
      {"xml-like tags", "<answer>{\"a\": true}</answer>", R"({"a":true})"},
      {"inline backticks", "The result is `{\"a\": 1}`.", R"({"a":1})"},
      {"nested values are not separate candidates", "Result: {\"a\": {\"b\": [1, {\"c\": 2}]}} end", R"({"a":{"b":[1,{"c":2}]}})"},
      {"braces inside strings", R"(Output: {"text": "use {curly} and [square] brackets", "n": 1})",
       R"({"n":1,"text":"use {curly} and [square] brackets"})"},
      {"escaped quotes inside strings", R"({"text": "she said \"hi\" {\"x\": 1}"})", R"({"text":"she said \"hi\" {\"x\": 1}"})"},
      {"fence markers inside a bare string", R"({"text": "```json {}```"})", R"({"text":"```json {}```"})"},
      // Several candidates.
      {"equal candidates count once", R"({"a": 1} ... as said, {"a": 1})", R"({"a":1})"},
      {"different candidates are ambiguous", R"(Maybe {"a": 1}, or rather {"a": 2}.)", "!ambiguous"},
      {"equal up to key order", R"({"a": 1, "b": 2} and {"b": 2, "a": 1})", R"({"a":1,"b":2})"},
      // Python literals and single quotes.
      {"python dict", "{'label': 'AddToPlaylist'}", R"({"label":"AddToPlaylist"})", {"single_quotes"}},
      {"python literals", "{'ok': True, 'bad': False, 'x': None}", R"({"bad":false,"ok":true,"x":null})",
       {"single_quotes", "python_literal"}},
      {"double quotes inside single-quoted strings", R"({'text': 'say "hi"'})", R"({"text":"say \"hi\""})", {"single_quotes"}},
      {"python escaped apostrophe", R"({'text': 'it\'s'})", R"({"text":"it's"})", {"single_quotes"}},
      {"mixed quote styles as python prints them", R"({'text': "don't", 'label': 'X'})", R"({"label":"X","text":"don't"})",
       {"single_quotes"}},
      {"escaped apostrophe in a double-quoted string", R"({"text": "it\'s"})", R"({"text":"it's"})", {"python_escape"}},
      {"python \\x and \\U escapes", R"({"a": "\x41\U0001F600"})", "{\"a\":\"A\xF0\x9F\x98\x80\"}", {"python_escape"}},
      {"python tuples", "[('Paris', 'location'), ('Jane Austen', 'writer')]",
       R"([["Paris","location"],["Jane Austen","writer"]])", {"python_tuple", "single_quotes"}},
      {"apostrophe inside a single-quoted string is not guessed", "{'text': 'don't'}", "!invalid_json"},
      // Trailing commas, comments, unquoted keys, control characters.
      {"trailing comma in object", R"({"a": 1, "b": 2,})", R"({"a":1,"b":2})", {"trailing_comma"}},
      {"trailing comma in array", "[1, 2, 3, ]", "[1,2,3]", {"trailing_comma"}},
      {"trailing comma before a line break", "[\n  {\"a\": 1},\n]", R"([{"a":1}])", {"trailing_comma"}},
      {"two commas are not repaired", "[1,, 2]", "!invalid_json"},
      {"line comment", "{\n  \"a\": 1, // the first\n  \"b\": 2\n}", R"({"a":1,"b":2})", {"comment"}},
      {"block comment", "[1 /* one */, 2]", "[1,2]", {"comment"}},
      {"unquoted keys", "{label: \"X\", score: 3}", R"({"label":"X","score":3})", {"unquoted_key"}},
      {"raw line break inside a string", "{\"text\": \"two\nlines\"}", R"({"text":"two\nlines"})", {"control_character"}},
      {"raw tab inside a string", "{\"text\": \"a\tb\"}", R"({"text":"a\tb"})", {"control_character"}},
      // Unicode.
      {"unicode text", "{\"text\": \"Gerhard Schröder in Köln — 東京\"}", "{\"text\":\"Gerhard Schröder in Köln — 東京\"}"},
      {"unicode escapes", R"({"text": "Schr\u00f6der \ud83d\ude00"})", "{\"text\":\"Schr\xC3\xB6" "der \xF0\x9F\x98\x80\"}"},
      {"lone surrogate", R"({"text": "\udc00"})", "!invalid_json"},
      {"invalid UTF-8 in a string", "{\"text\": \"a\xff\"}", "!invalid_json"},
      {"overlong UTF-8 in a string", "{\"text\": \"\xC0\xAF\"}", "!invalid_json"},
      {"a UTF-8 surrogate in a string", "{\"text\": \"\xED\xA0\x80\"}", "!invalid_json"},
      // Truncation (max_tokens).
      {"truncated object", R"({"intent": "AddTo)", "!truncated"},
      {"truncated array of entities", R"([{"text": "Paris", "type": "location"}, {"text": "Ber)", "!truncated"},
      {"truncated after a comma", R"({"a": 1,)", "!truncated"},
      {"truncated number", R"({"score": 4.)", "!truncated"},
      {"truncated literal", R"({"ok": tr)", "!truncated"},
      {"truncated in a fence", "```json\n{\"a\": [1, 2\n", "!truncated"},
      {"truncated inside a unicode escape", R"({"a": "\u00)", "!truncated"},
      {"truncated inside a multi-byte character", std::string("{\"a\": \"\xC3"), "!truncated"},
      // Cut off after bytes that no well-formed character starts with (an overlong form): broken, not cut.
      {"cut off inside an overlong form", std::string("{\"a\": \"\xE0\x80"), "!invalid_json"},
      {"truncated after prose", "Sure, here you go: {\"entities\": [", "!truncated"},
      // Invalid JSON that is not repaired.
      {"missing comma", R"({"a": 1 "b": 2})", "!invalid_json"},
      {"missing colon", R"({"a" 1})", "!invalid_json"},
      {"NaN", R"({"score": NaN})", "!invalid_json"},
      {"Infinity", R"({"score": -Infinity})", "!invalid_json"},
      {"leading zero", R"({"a": 007})", "!invalid_json"},
      {"number overflow", R"({"a": 1e999})", "!invalid_json"},
      {"mismatched brackets", R"({"a": [1, 2}})", "!invalid_json"},
      {"unknown word", R"({"a": maybe})", "!invalid_json"},
      {"duplicate key", R"({"label": "A", "label": "B"})", "!duplicate_key"},
      {"duplicate key in a nested object", R"([{"t": 1}, {"t": 2, "t": 3}])", "!duplicate_key"},
      {"too deep", std::string(200, '[') + std::string(200, ']'), "!invalid_json"},
      // Nothing to find.
      {"empty", "", "!empty"},
      {"whitespace only", "  \n\t ", "!empty"},
      {"prose only", "I cannot classify this utterance.", "!no_json"},
      {"prose with numbers", "I would say 3.5 out of 5.", "!no_json"},
      // Reasoning blocks.
      {"think block removed", "<think>Maybe {\"a\": 2}? No.</think>\n{\"a\": 1}", R"({"a":1})"},
      {"think block after whitespace", "\n<think>x</think>```json\n[1]\n```", "[1]"},
      {"unfinished think block", "<think>The user wants {\"a\": 1} or", "!empty"},
      {"nothing after the think block", "<think>hmm</think>\n", "!empty"},
      {"think tag not at the start is ordinary text", "{\"a\": \"<think>\"}", R"({"a":"<think>"})"},
  };
  return table;
}

TEST(ExtractJson, MessyAnswerTable) {
  for (const auto& c : cases()) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(outcome(c.answer), c.expected);
    const auto r = extract_json(c.answer);
    if (r) {
      EXPECT_EQ(r.value().repairs, c.repairs);
    }
  }
}

TEST(ExtractJson, FailureDetailsNameThePosition) {
  EXPECT_EQ(extract_json("{\n  \"intent\": \"AddTo").detail(), "the answer ends inside a string that starts at line 2, column 13");
  EXPECT_EQ(extract_json("[{\"a\": 1}, {\"b\": [2").detail(), "the answer ends inside an array opened at line 1, column 18");
  EXPECT_EQ(extract_json("Answer:\n{\"a\": 1 \"b\": 2}").detail(), "expected ',' or '}', found '\"' at line 2, column 9");
  EXPECT_EQ(extract_json(R"({"score": NaN})").detail(), "NaN and Infinity are not JSON numbers at line 1, column 11");
  EXPECT_EQ(extract_json(R"(x {"a": 1} y {"a": 2} z {"a": 3})").detail(),
            "3 different values (at line 1, column 3; line 1, column 14; line 1, column 25)");
  EXPECT_EQ(extract_json(R"({"label": "A", "label": "B"})").detail(), "the object at line 1, column 1 repeats a key (at /label)");
  EXPECT_EQ(extract_json("no JSON").detail(), "the answer holds no JSON value");
  // Positions after a <think> block are those of the whole answer.
  EXPECT_EQ(extract_json("<think>\nx\n</think>\n{\"a\": 1 2}").detail(), "expected ',' or '}', found '2' at line 4, column 9");
}

TEST(ExtractJson, ValueKeepsItsPositionInTheAnswer) {
  const std::string answer = "Sure:\n```json\n{\"a\": 1}\n```";
  const auto r = extract_json(answer);
  ASSERT_TRUE(r);
  EXPECT_EQ(answer.substr(r.value().begin, r.value().end - r.value().begin), "{\"a\": 1}");
  EXPECT_TRUE(r.value().fenced);
  const std::string thinking = "<think>a</think>[1]";
  const auto t = extract_json(thinking);
  ASSERT_TRUE(t);
  EXPECT_EQ(thinking.substr(t.value().begin, t.value().end - t.value().begin), "[1]");
  EXPECT_FALSE(t.value().fenced);
}

TEST(ExtractJson, AcceptSelectsTheExpectedShape) {
  JsonExtractionOptions objects;
  objects.accept = [](const nlohmann::json& v) { return v.is_object() && v.contains("intent"); };
  objects.expected = "an object with an \"intent\" member";
  // "[1]" in prose is JSON of another shape: not a competing candidate.
  EXPECT_EQ(outcome("See [1]. {\"intent\": \"A\"}", objects), R"({"intent":"A"})");
  EXPECT_EQ(outcome("[\"A\"]", objects), "!unexpected_shape");
  EXPECT_EQ(extract_json("[\"A\"]", objects).detail(), "expected an object with an \"intent\" member, found an array");
  // A broken value is more telling than a value of the wrong shape.
  EXPECT_EQ(outcome("[1] then {\"intent\": \"A\" \"x\": 1}", objects), "!invalid_json");
}

TEST(ExtractJson, MultiplePolicies) {
  const std::string answer = R"({"a": 1} no, {"a": 2})";
  JsonExtractionOptions o;
  EXPECT_EQ(outcome(answer, o), "!ambiguous");
  o.multiple = MultipleValues::first;
  EXPECT_EQ(outcome(answer, o), R"({"a":1})");
  o.multiple = MultipleValues::last;
  EXPECT_EQ(outcome(answer, o), R"({"a":2})");
  // A key makes values that differ elsewhere one answer.
  JsonExtractionOptions keyed;
  keyed.key = [](const nlohmann::json& v) { return v.value("intent", nlohmann::json()); };
  EXPECT_EQ(outcome(R"({"intent": "A", "confidence": 0.9} or {"intent": "A"})", keyed), R"({"confidence":0.9,"intent":"A"})");
  EXPECT_EQ(outcome(R"({"intent": "A"} or {"intent": "B"})", keyed), "!ambiguous");
}

TEST(ExtractJson, BrokenValueHidesWhatIsInsideIt) {
  // The entity list inside a broken object must not be taken for the answer.
  EXPECT_EQ(outcome(R"({"text": "x" "entities": [{"text": "P", "type": "loc"}]})"), "!invalid_json");
  // ... but a separate value after it is found.
  EXPECT_EQ(outcome(R"({"text": "x" "entities": [{"text": "P"}]} Corrected: {"ok": 1})"), R"({"ok":1})");
}

TEST(ExtractJson, StripReasoningCanBeTurnedOff) {
  JsonExtractionOptions o;
  o.strip_reasoning = false;
  EXPECT_EQ(outcome("<think>{\"a\": 2}</think>{\"a\": 1}", o), "!ambiguous");
}

TEST(SplitReasoning, SplitsALeadingThinkBlock) {
  const auto s = synthbench::llm::split_reasoning("  <think>why</think>\nanswer");
  EXPECT_EQ(s.reasoning, "why");
  EXPECT_EQ(s.answer, "\nanswer");
  EXPECT_EQ(s.offset, 20u);
  EXPECT_FALSE(s.unfinished);
  const auto none = synthbench::llm::split_reasoning("answer <think>x</think>");
  EXPECT_EQ(none.answer, "answer <think>x</think>");
  EXPECT_TRUE(synthbench::llm::split_reasoning("<think>still thinking").unfinished);
}

TEST(FindCodeFences, OpenersClosersAndLanguages) {
  const auto f = synthbench::llm::find_code_fences("a ```json\nX\n``` b ```Y``` c ```py Z");
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0].language, "json");
  EXPECT_EQ(f[1].language, "Y");  // "```Y```": the info word is all there is
  EXPECT_EQ(f[2].language, "py");
  EXPECT_FALSE(f[2].closed);
  EXPECT_TRUE(f[0].closed);
}

// --- records ---------------------------------------------------------------------------

std::string records_outcome(const std::string& answer, const std::vector<std::string>& item_keys = {}) {
  synthbench::llm::JsonRecordOptions o;
  o.item_keys = item_keys;
  const auto r = extract_json_records(answer, o);
  if (!r) return "!" + r.code();
  std::string out;
  for (const auto& rec : r.value().records) out += "L" + std::to_string(rec.line) + rec.value.dump() + " ";
  for (const auto& f : r.value().failures) out += "!L" + std::to_string(f.line) + ":" + f.failure.code + " ";
  return out;
}

TEST(ExtractJsonRecords, Shapes) {
  EXPECT_EQ(records_outcome(R"([{"t": "a"}, {"t": "b"}])"), R"(L1{"t":"a"} L1{"t":"b"} )");
  EXPECT_EQ(records_outcome("[\n  {\"t\": \"a\"},\n  {\"t\": \"b\"}\n]"), R"(L2{"t":"a"} L3{"t":"b"} )");
  EXPECT_EQ(records_outcome("{\"t\": \"a\"}\n{\"t\": \"b\"}\n"), R"(L1{"t":"a"} L2{"t":"b"} )");
  EXPECT_EQ(records_outcome("```jsonl\n{\"t\": \"a\"}\n{\"t\": \"b\"}\n```"), R"(L2{"t":"a"} L3{"t":"b"} )");
  EXPECT_EQ(records_outcome("Example 1:\n```json\n{\"t\": \"a\"}\n```\nExample 2:\n```json\n{\"t\": \"b\"}\n```"),
            R"(L3{"t":"a"} L7{"t":"b"} )");
  EXPECT_EQ(records_outcome("Here are 2 [1] examples:\n1. {\"t\": \"a\"}\n2. {'t': 'b'}"), R"(L2{"t":"a"} L3{"t":"b"} )");
  EXPECT_EQ(records_outcome(R"({"items": [{"t": "a"}, {"t": "b"}]})"), R"(L1{"t":"a"} L1{"t":"b"} )");
  // A record with one list member is a record when its key is an item key.
  EXPECT_EQ(records_outcome(R"({"entities": [{"t": "a"}]})", {"entities"}), R"(L1{"entities":[{"t":"a"}]} )");
  EXPECT_EQ(records_outcome("<think>{\"t\": \"x\"}</think>\n{\"t\": \"a\"}"), R"(L2{"t":"a"} )");
  // A broken bracket without any record in it is prose, not a failure.
  EXPECT_EQ(records_outcome("Here are [3 examples] as asked:\n{\"t\": \"a\"}"), R"(L2{"t":"a"} )");
}

TEST(ExtractJsonRecords, BrokenAndTruncatedListsKeepTheirCompleteRecords) {
  EXPECT_EQ(records_outcome("{\"t\": \"a\"}\n{\"t\": \"b\" \"x\": 1}\n{\"t\": \"c\"}"), R"(L1{"t":"a"} L3{"t":"c"} !L2:invalid_json )");
  EXPECT_EQ(records_outcome("[\n  {\"t\": \"a\"},\n  {\"t\": \"b\"},\n  {\"t\": \"c\", \"u"),
            R"(L2{"t":"a"} L3{"t":"b"} !L1:truncated )");
  EXPECT_EQ(records_outcome(R"([{"t": "a"} {"t": "b"}, {"t": "c"}])"), R"(L1{"t":"a"} L1{"t":"b"} L1{"t":"c"} !L1:invalid_json )");
  EXPECT_EQ(records_outcome(R"([{"t": "a"}, {"t": "b" "u": 1}, {"t": "c"}])"), R"(L1{"t":"a"} L1{"t":"c"} !L1:invalid_json )");
  EXPECT_EQ(records_outcome(R"({"items": [{"t": "a"}, {"t": "b"}, {"t)"), R"(L1{"t":"a"} L1{"t":"b"} !L1:truncated )");
  EXPECT_EQ(records_outcome(R"([{"t": "a"}, 5, "x"])"), R"(L1{"t":"a"} !L1:not_an_object !L1:not_an_object )");
}

TEST(ExtractJsonRecords, FailuresWhenThereIsNoRecord) {
  EXPECT_EQ(records_outcome(""), "!empty");
  EXPECT_EQ(records_outcome("I cannot do that."), "!no_json");
  EXPECT_EQ(records_outcome(R"(["a", "b"])"), "!unexpected_shape");
  EXPECT_EQ(records_outcome("[1] and [2]"), "!unexpected_shape");
  EXPECT_EQ(records_outcome(R"([{"t": "a)"), "!truncated");
  EXPECT_EQ(records_outcome(R"({"t": "a" "u": 1})"), "!invalid_json");
}

TEST(ExtractJsonRecords, PositionsInDetails) {
  const auto r = extract_json_records("{\"t\": \"a\"}\n{\"t\": \"b\" 1}");
  ASSERT_TRUE(r);
  ASSERT_EQ(r.value().failures.size(), 1u);
  EXPECT_EQ(r.value().failures[0].failure.detail, "expected ',' or '}', found '1' at line 2, column 11");
  const auto n = extract_json_records("[{\"t\": 1},\n 5]");
  ASSERT_TRUE(n);
  ASSERT_EQ(n.value().failures.size(), 1u);
  EXPECT_EQ(n.value().failures[0].failure.detail, "the array element at line 2, column 2 is number 5, not an object");
  EXPECT_EQ(n.value().failures[0].line, 2u);
}

TEST(Parsed, ValueOfAFailureThrowsUsage70) {
  const auto r = extract_json("nothing");
  try {
    (void)r.value();
    FAIL();
  } catch (const synthbench::UsageError& e) {
    EXPECT_EQ(e.id(), "synthbench.usage.70");
    EXPECT_STREQ(e.what(), "[synthbench.usage.70] value() of a failed parse: no_json: the answer holds no JSON value");
  }
  EXPECT_FALSE(r.optional().has_value());
}

// Parsed<T> answers with Result<T>'s names (result.hpp): ok(), code(), detail(), message().
TEST(Parsed, SpeaksTheVocabularyOfResult) {
  const auto failed = extract_json("nothing");
  EXPECT_FALSE(failed.ok());
  EXPECT_FALSE(static_cast<bool>(failed));
  EXPECT_EQ(failed.code(), "no_json");
  EXPECT_EQ(failed.detail(), "the answer holds no JSON value");
  EXPECT_EQ(failed.message(), "no_json: the answer holds no JSON value");
  EXPECT_EQ(failed.failure().message(), failed.message());

  const auto found = extract_json("{\"label\": \"x\"}");
  ASSERT_TRUE(found.ok()) << found.message();
  EXPECT_EQ(found.code(), "");
  EXPECT_EQ(found.message(), "");
}

}  // namespace

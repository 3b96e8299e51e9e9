#include <synthbench/llm/prompt_template.hpp>

#include <gtest/gtest.h>

namespace {

using synthbench::InputError;
using synthbench::UsageError;
using synthbench::llm::PromptTemplate;

TEST(PromptTemplate, RendersNamedPlaceholders) {
  const auto t = PromptTemplate::parse("Classify: {{text}}\nLabels: {{ labels }}\nAgain: {{text}}\n{\"label\": \"...\"}");
  EXPECT_EQ(t.placeholders(), (std::vector<std::string>{"text", "labels"}));
  EXPECT_EQ(t.render({{"text", "hi"}, {"labels", "A, B"}}),
            "Classify: hi\nLabels: A, B\nAgain: hi\n{\"label\": \"...\"}");
}

TEST(PromptTemplate, CommentsAreRemovedWithTheirLine) {
  const auto t = PromptTemplate::parse("{{! what this file is for }}\nHello {{! inline }}{{name}}.\n");
  EXPECT_EQ(t.render({{"name", "you"}}), "Hello you.\n");
}

TEST(PromptTemplate, MalformedPlaceholdersNameLineAndColumn) {
  try {
    (void)PromptTemplate::parse("line one\nsay {{ not a name }}", "intent_solve.txt");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.id(), "synthbench.input.601");
    EXPECT_EQ(e.source(), "intent_solve.txt");
    EXPECT_EQ(e.where(), "line 2, column 5");
  }
  EXPECT_THROW((void)PromptTemplate::parse("open {{name"), InputError);
  EXPECT_THROW((void)PromptTemplate::parse("empty {{}}"), InputError);
}

TEST(PromptTemplate, MissingAndUnusedValuesAreErrors) {
  const auto t = PromptTemplate::parse("{{a}} {{b}}", "t.txt");
  try {
    (void)t.render({{"a", "1"}});
    FAIL();
  } catch (const UsageError& e) {
    EXPECT_STREQ(e.what(), "[synthbench.usage.60] t.txt: no value for placeholder(s) b");
  }
  try {
    (void)t.render({{"a", "1"}, {"b", "2"}, {"labelz", "3"}});
    FAIL();
  } catch (const UsageError& e) {
    EXPECT_STREQ(e.what(), "[synthbench.usage.61] t.txt: the template has no placeholder(s) labelz (it has: a, b)");
  }
}

TEST(PromptTemplate, LoadNamesTheFile) {
  EXPECT_THROW((void)PromptTemplate::load("/nonexistent/prompt.txt"), synthbench::IoError);
}

}  // namespace

#ifndef SYNTHBENCH_EXPERIMENT_OUTPUT_PARSERS_HPP
#define SYNTHBENCH_EXPERIMENT_OUTPUT_PARSERS_HPP

/// @file
/// Parsers of LLM answers for the three tasks of the study: a solver's intent label,
/// similarity score or entity list, and a generator's items. Each returns the parsed value
/// or an llm::ParseFailure with a stable reason; none throws on bad answers (only on bad
/// arguments, such as a label set with two labels that normalize alike). docs/llm-outputs.md
/// lists exactly what each accepts and rejects, with examples.
///
/// One header per parser under experiment/parsers/, all included here: label_set.hpp
/// (names matched by a key: "add to playlist" names AddToPlaylist), intent_answer.hpp,
/// similarity_answer.hpp, ner_answer.hpp (with mention_alignment.hpp, which gives named
/// entities their offsets), generated_items.hpp, and answer_reading.hpp, which they share.
///
/// **Strictness.** An answer counts only if it commits to exactly one value of the right
/// kind. A name outside the set, two names, two numbers, a number with other prose, a
/// number outside the scale: all are failures with their reason, never a guess (SG4NLP
/// mapped every answer to its nearest intent with fuzzy matching; that hides exactly the
/// failures METHOD.md asks to count).

#include "synthbench/experiment/parsers/generated_items.hpp"    // parse_generated_items<Item>, ItemRules
#include "synthbench/experiment/parsers/intent_answer.hpp"      // parse_intent_answer
#include "synthbench/experiment/parsers/label_set.hpp"          // LabelSet
#include "synthbench/experiment/parsers/mention_alignment.hpp"  // Mention, align_mentions
#include "synthbench/experiment/parsers/ner_answer.hpp"         // parse_ner_answer
#include "synthbench/experiment/parsers/similarity_answer.hpp"  // parse_similarity_answer, ScoreScale

#endif  // SYNTHBENCH_EXPERIMENT_OUTPUT_PARSERS_HPP

#ifndef SYNTHBENCH_LLM_HPP
#define SYNTHBENCH_LLM_HPP

/// @file
/// The llm layer: chat request/response types and call outcomes, the JSON of the OpenAI
/// chat-completions and Anthropic Messages APIs, the ChatClient interface, and the reading
/// of messy LLM output (JSON extraction, parse results, which batch errors end a run). Depends only on nlohmann_json; no network code.

#include "synthbench/llm/anthropic_json.hpp"
#include "synthbench/llm/batch_errors.hpp"
#include "synthbench/llm/chat.hpp"
#include "synthbench/llm/client.hpp"
#include "synthbench/llm/content_parts.hpp"
#include "synthbench/llm/error_body.hpp"
#include "synthbench/llm/json_extraction.hpp"
#include "synthbench/llm/openai_json.hpp"
#include "synthbench/llm/openai_response.hpp"
#include "synthbench/llm/outcome.hpp"
#include "synthbench/llm/parsed.hpp"
#include "synthbench/llm/provider.hpp"

#endif  // SYNTHBENCH_LLM_HPP

#ifndef SYNTHBENCH_HTTP_HPP
#define SYNTHBENCH_HTTP_HPP

/// @file
/// The http layer: the native providers' transports over libcurl (OpenAI-compatible chat
/// completions, the Anthropic Messages API; link synthbench::http).
/// Not part of synthbench/synthbench.hpp: replay-only users never need curl.

#include "synthbench/http/anthropic_client.hpp"
#include "synthbench/http/errors.hpp"
#include "synthbench/http/make_client.hpp"
#include "synthbench/http/openai_client.hpp"
#include "synthbench/http/rate_limiter.hpp"
#include "synthbench/http/retry.hpp"
#include "synthbench/http/transport.hpp"
#include "synthbench/llm.hpp"

#endif  // SYNTHBENCH_HTTP_HPP

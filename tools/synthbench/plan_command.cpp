// synthbench plan: how many test items a paired gate needs to detect a drop (docs/cli.md;
// the assumptions in stats/planning.hpp and docs/metrics.md, "Planning").

#include <synthbench/detail/decimal.hpp>
#include <synthbench/detail/format.hpp>
#include <synthbench/stats/planning.hpp>

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>

#include "cli.hpp"
#include "commands.hpp"

namespace synthbench_cli {

namespace {

const CommandSpec kPlanSpec{
    "plan",
    "--drop D (--discordance PSI | --accuracy P) [--power 0.8] [--alpha 0.05] [--format json|text]",
    "Prints how many test items EXPECT_NOT_WORSE needs to detect a drop of D in accuracy with the\n"
    "given power, by its exact one-sided McNemar test at level alpha (margin 0). Items are assumed\n"
    "independent; the two versions disagree on a share PSI of them (--discordance: measure it, e.g.\n"
    "from two runs of the current model). Without it, --accuracy P (the baseline accuracy) gives the\n"
    "independence bound PSI = P(1 - Q) + Q(1 - P), Q = P - D, which overstates PSI for related\n"
    "versions and so the items needed. For other metrics than accuracy the figure is a guide.",
    {{"drop", "D", "the drop of accuracy to detect, in (0, 1): 0.02 is two points", false},
     {"discordance", "PSI", "share of items whose outcome differs between the versions, in [D, 1]", false},
     {"accuracy", "P", "baseline accuracy, for the independence bound when PSI is unknown", false},
     {"power", "POWER", "chance to detect the drop, in (0, 1); default 0.8", false},
     {"alpha", "ALPHA", "level of the one-sided test, in (0, 1); default 0.05", false},
     {"format", "FORMAT", "json (default) or text", false}},
    ""};

double number(const ParsedArgs& parsed, const std::string& name, double fallback) {
  if (!parsed.has(name)) return fallback;
  const std::string text = parsed.get(name);
  const auto value = synthbench::detail::parse_decimal(text);
  if (!value) throw UsageProblem{"--" + name + " must be a number, got '" + text + "'"};
  return *value;
}

}  // namespace

int run_plan(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return run_guarded("plan", err, [&]() {
    const ParsedArgs parsed = parse_args(kPlanSpec, args);
    if (parsed.help) {
      print_help(kPlanSpec, out);
      return static_cast<int>(exit_ok);
    }
    (void)parsed.require("drop");
    if (parsed.has("discordance") == parsed.has("accuracy")) {
      throw UsageProblem{"give exactly one of --discordance and --accuracy"};
    }
    const std::string format = parsed.get("format", "json");
    if (format != "json" && format != "text") throw UsageProblem{"--format must be json or text, got '" + format + "'"};
    synthbench::stats::PlanInput in;
    in.drop = number(parsed, "drop", 0.0);
    in.discordance = number(parsed, "discordance", 0.0);
    in.accuracy = number(parsed, "accuracy", 0.0);
    in.power = number(parsed, "power", 0.8);
    in.alpha = number(parsed, "alpha", 0.05);
    if (parsed.has("discordance") && !(in.discordance > 0.0)) {
      throw UsageProblem{"--discordance must lie in [drop, 1], got '" + parsed.get("discordance") + "'"};
    }
    const auto plan = synthbench::stats::plan_items(in);
    if (!plan) throw UsageProblem{plan.message()};
    const auto& r = plan.value();
    if (format == "text") {
      using synthbench::detail::general;
      out << r.items << " items detect a drop of " << general(in.drop, 6) << " in accuracy with power "
          << general(r.exact_power, 3) << " (exact one-sided McNemar test at alpha " << general(in.alpha, 6)
          << "; discordance " << general(r.discordance, 6) << ": " << general(r.p_lost, 6) << " of items lost, "
          << general(r.p_gained, 6) << " gained; normal approximation " << r.normal_approximation << ")\n";
    } else {
      nlohmann::ordered_json doc;
      doc["items"] = r.items;
      doc["exact_power"] = r.exact_power;
      doc["normal_approximation"] = r.normal_approximation;
      doc["drop"] = in.drop;
      doc["discordance"] = r.discordance;
      doc["p_lost"] = r.p_lost;
      doc["p_gained"] = r.p_gained;
      doc["alpha"] = in.alpha;
      doc["power"] = in.power;
      doc["test"] = "exact one-sided McNemar";
      out << doc.dump(2) << "\n";
    }
    return static_cast<int>(exit_ok);
  });
}

}  // namespace synthbench_cli

#include "cli.hpp"

#include <synthbench/error.hpp>

#include <exception>
#include <iomanip>
#include <iostream>
#include <iterator>
#include <ostream>

namespace synthbench_cli {

std::string ParsedArgs::get(const std::string& name, const std::string& fallback) const {
  const auto it = values.find(name);
  return it == values.end() || it->second.empty() ? fallback : it->second.back();
}

std::string ParsedArgs::require(const std::string& name) const {
  const auto it = values.find(name);
  if (it == values.end() || it->second.empty()) throw UsageProblem{"missing required option --" + name};
  return it->second.back();
}

ParsedArgs parse_args(const CommandSpec& spec, const std::vector<std::string>& args) {
  ParsedArgs parsed;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h") {
      parsed.help = true;
      continue;
    }
    if (arg == "--") {  // everything after is positional
      for (++i; i < args.size(); ++i) parsed.positional.push_back(args[i]);
      break;
    }
    if (arg.size() > 2 && arg.compare(0, 2, "--") == 0) {
      std::string name = arg.substr(2);
      std::string value;
      bool has_inline_value = false;
      if (const auto eq = name.find('='); eq != std::string::npos) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
        has_inline_value = true;
      }
      const OptionSpec* option = nullptr;
      for (const auto& o : spec.options) {
        if (o.name == name) option = &o;
      }
      if (option == nullptr) throw UsageProblem{"unknown option --" + name};
      if (option->value_name.empty()) {
        if (has_inline_value) throw UsageProblem{"option --" + name + " takes no value"};
        parsed.values[name].push_back("true");
      } else {
        if (!has_inline_value) {
          if (i + 1 >= args.size()) throw UsageProblem{"option --" + name + " needs a value " + option->value_name};
          value = args[++i];
        }
        auto& slot = parsed.values[name];
        if (!slot.empty() && !option->repeatable) throw UsageProblem{"option --" + name + " given twice"};
        slot.push_back(value);
      }
      continue;
    }
    if (arg.size() > 1 && arg[0] == '-' && arg != "-") throw UsageProblem{"unknown option " + arg};
    if (spec.positional_help.empty()) throw UsageProblem{"unexpected argument '" + arg + "'"};
    parsed.positional.push_back(arg);
  }
  return parsed;
}

void print_help(const CommandSpec& spec, std::ostream& out) {
  out << "usage: synthbench " << spec.name << (spec.synopsis.empty() ? "" : " ") << spec.synopsis << "\n\n"
      << spec.description << "\n";
  if (!spec.positional_help.empty()) out << "\n" << spec.positional_help << "\n";
  out << "\noptions:\n";
  for (const auto& o : spec.options) {
    std::string left = "--" + o.name + (o.value_name.empty() ? "" : " " + o.value_name);
    out << "  " << std::left << std::setw(26) << left << " " << o.help << "\n";
  }
  out << "  " << std::left << std::setw(26) << "--help, -h"
      << " " << "print this help and exit\n"
      << "\nexit status: 0 ok, 1 a check failed, 2 bad input or usage, 3 internal error\n";
}

std::string read_stdin() {
  return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
}

int run_guarded(const std::string& command, std::ostream& err, const std::function<int()>& body) {
  try {
    return body();
  } catch (const UsageProblem& p) {
    err << "synthbench " << command << ": " << p.message << " (see synthbench " << command << " --help)\n";
    return exit_bad_input;
  } catch (const synthbench::InputError& e) {
    err << "synthbench " << command << ": bad input: " << e.what() << "\n";
    return exit_bad_input;
  } catch (const synthbench::IoError& e) {
    err << "synthbench " << command << ": " << e.what() << "\n";
    return exit_bad_input;
  } catch (const synthbench::UsageError& e) {
    err << "synthbench " << command << ": " << e.what() << "\n";
    return exit_bad_input;
  } catch (const std::exception& e) {
    err << "synthbench " << command << ": internal error: " << e.what() << "\n";
    return exit_internal;
  } catch (...) {
    err << "synthbench " << command << ": internal error: unknown exception\n";
    return exit_internal;
  }
}

}  // namespace synthbench_cli

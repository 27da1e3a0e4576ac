// overloaded{f, g, ...}: one visitor made of lambdas, for std::visit. Give one lambda per
// alternative and no generic one: an alternative without its lambda then fails to compile.
#pragma once

namespace motcua::engine {

template <class... F>
struct overloaded : F... {
  using F::operator()...;
};
template <class... F>
overloaded(F...) -> overloaded<F...>;  // clang 14 deduces no aggregate's arguments by itself

}  // namespace motcua::engine

// Boost.JSON compiled into the fuzz target itself, so that libFuzzer sees the
// parser's coverage (the Debian library is not instrumented).
#include <boost/json/src.hpp>

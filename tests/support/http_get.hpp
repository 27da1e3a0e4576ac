// The tests' one-shot HTTP GET is the client library's (client/http_get.hpp).
#pragma once

#include "shared/client/http_get.hpp"

namespace motcua::testing {

using client::http_get;
using client::http_response;

}  // namespace motcua::testing

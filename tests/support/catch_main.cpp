// Catch2 main for the unit tests; the throw hook lets spans left by exceptions name them.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include "vigil/trace/throw_hook.hpp"

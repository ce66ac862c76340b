#pragma once
// Private: the one include point for valijson, so every translation unit that uses it agrees on
// VALIJSON_USE_EXCEPTIONS (without it valijson calls abort() on a bad schema or value).

#ifndef VALIJSON_USE_EXCEPTIONS
#define VALIJSON_USE_EXCEPTIONS 1
#endif

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

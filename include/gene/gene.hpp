// The Gene embedding API: include this one header.
//
//   engine.hpp   gene::Engine (run code, define natives and classes) and its options
//   handle.hpp   gene::Handle, a Gene value kept alive while C++ holds it
//   convert.hpp  gene::Convert<T>, the conversions between C++ and Gene values
//   error.hpp    gene::Error, the exception for every Gene error
//
// Link with gene::gene (CMake: find_package(gene CONFIG REQUIRED)) or `pkg-config gene`.
#pragma once
#include "gene/engine.hpp"
#include "gene/version.hpp"

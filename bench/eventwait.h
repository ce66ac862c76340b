#pragma once
// The benchmark is a straight script: between its steps it runs the event loop (stations,
// sockets, child processes all live on it) until a condition holds or time is up.

#include <chrono>
#include <functional>

namespace cd::bench {

// True as soon as `done()` holds; false when `timeout` passed first.
bool waitUntil(const std::function<bool()> &done, std::chrono::milliseconds timeout);
// Runs the event loop for `span`.
void waitFor(std::chrono::milliseconds span);

}  // namespace cd::bench

// The VM's event loop (§25.5): timers, work on the thread pool, and the callbacks of
// settled futures, on one libuv loop. The VM makes it at the first async operation.
#pragma once
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <memory>

#include "runtime/future.hpp"

namespace gene {

class VM;

class EventLoop {
 public:
  explicit EventLoop(VM& vm);
  ~EventLoop();
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  // Succeeds f with nil after ms milliseconds.
  void sleep(Future* f, int64_t ms);
  // Runs work on the thread pool (it must not touch the VM); then, back on this thread,
  // f succeeds with finish's value, or fails with the Gene error finish raises.
  void off_thread(Future* f, std::function<void()> work, std::function<Value(VM&)> finish);

  // Settles a pending future and queues its callbacks for the next turn; false when f
  // was already settled.
  bool settle(Future* f, FutureState state, Value v);
  // Registers cb for f's success or failure; on a settled future it runs next turn.
  void add_callback(Future* f, bool on_success, Value cb);

  // Runs turns until f is settled, then the callbacks due by then; false when nothing
  // left in the loop can settle f.
  bool run_until(Future* f);
  // Runs turns until no timer, work or callback is left (`gene run` at exit).
  void drain();
  // Runs what is ready now without waiting (the REPL, between lines).
  void poll();
  // Whether a callback raised an error (reported on stderr when it happened).
  bool callback_failed() const { return callback_failed_; }

 private:
  struct Impl;  // the libuv loop and the operations on it (event_loop.cpp)
  struct Op {   // an operation in flight, on a list that keeps its future alive
    EventLoop* loop;
    Value future;
    Op* prev = nullptr;
    Op* next = nullptr;
    Op(EventLoop* l, Future* f) : loop(l), future(value_of(f)) {}
    virtual ~Op() = default;
  };
  struct Job {
    Value fn;
    Value arg;
  };
  bool turn();
  void run_jobs(size_t n);
  void link(Op* op);
  void unlink(Op* op);

  VM& vm_;
  std::unique_ptr<Impl> impl_;
  Op* ops_ = nullptr;       // operations in flight: their futures are GC roots
  std::deque<Job> jobs_;    // callbacks due on the next turn, in settlement order
  int root_id_ = 0;
  bool closing_ = false;    // tearing down: finished operations no longer touch the heap
  bool callback_failed_ = false;
  std::exception_ptr pending_exception_;  // thrown inside a libuv callback, rethrown after it
};

}  // namespace gene

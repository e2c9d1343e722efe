#include "interp/event_loop.hpp"

#include <fmt/format.h>
#include <uv.h>

#include <cstdio>
#include <exception>
#include <stdexcept>
#include <utility>

#include "interp/vm.hpp"

namespace gene {

struct EventLoop::Impl {
  uv_loop_t uv;

  struct TimerOp : Op {
    uv_timer_t timer;
    using Op::Op;
  };
  struct WorkOp : Op {
    uv_work_t req;
    std::function<void()> work;
    std::function<Value(VM&)> finish;
    using Op::Op;
  };

  // Every operation ends here: off the list (its future is no longer a root), then freed.
  static void retire(Op* op) {
    op->loop->unlink(op);
    delete op;
  }
  static void on_timer_closed(uv_handle_t* h) { retire(static_cast<TimerOp*>(h->data)); }
  static void on_timer(uv_timer_t* t) {
    auto* op = static_cast<TimerOp*>(t->data);
    op->loop->settle(as_future(op->future), FutureState::Success, make_nil());
    uv_close(reinterpret_cast<uv_handle_t*>(t), on_timer_closed);
  }
  static void on_work(uv_work_t* req) { static_cast<WorkOp*>(req->data)->work(); }
  static void on_work_done(uv_work_t* req, int) {
    auto* op = static_cast<WorkOp*>(req->data);
    EventLoop* loop = op->loop;
    if (!loop->closing_) {
      Future* f = as_future(op->future);
      // finish allocates the result while op still roots f; settling allocates nothing.
      try {
        Value v = op->finish(loop->vm_);
        loop->settle(f, FutureState::Success, v);
      } catch (const GeneError& e) {
        loop->settle(f, FutureState::Failure, e.value);
      } catch (...) {  // out of memory: must not unwind through libuv; turn() rethrows it
        loop->pending_exception_ = std::current_exception();
      }
    }
    retire(op);
  }
  static void close_handle(uv_handle_t* h, void*) {
    if (!uv_is_closing(h)) uv_close(h, on_timer_closed);  // timers are the only handles
  }
};

EventLoop::EventLoop(VM& vm) : vm_(vm), impl_(std::make_unique<Impl>()) {
  if (int err = uv_loop_init(&impl_->uv)) throw std::runtime_error(fmt::format("event loop: {}", uv_strerror(err)));
  root_id_ = vm_.heap.add_root_source([this](Marker& m) {
    for (Op* op = ops_; op; op = op->next) m.mark(op->future);
    for (const Job& j : jobs_) {
      m.mark(j.fn);
      m.mark(j.arg);
    }
  });
}

EventLoop::~EventLoop() {
  // Timers close; work already on the thread pool must finish before the loop can close.
  closing_ = true;
  uv_walk(&impl_->uv, Impl::close_handle, nullptr);
  uv_run(&impl_->uv, UV_RUN_DEFAULT);
  uv_loop_close(&impl_->uv);
  vm_.heap.remove_root_source(root_id_);
}

void EventLoop::link(Op* op) {
  op->next = ops_;
  if (ops_) ops_->prev = op;
  ops_ = op;
}

void EventLoop::unlink(Op* op) {
  if (op->prev) op->prev->next = op->next;
  else ops_ = op->next;
  if (op->next) op->next->prev = op->prev;
}

void EventLoop::sleep(Future* f, int64_t ms) {
  auto* op = new Impl::TimerOp(this, f);
  link(op);
  op->timer.data = op;
  uv_timer_init(&impl_->uv, &op->timer);
  // The loop's clock is cached at each turn; the program may have run long since.
  uv_update_time(&impl_->uv);
  uv_timer_start(&op->timer, Impl::on_timer, static_cast<uint64_t>(ms < 0 ? 0 : ms), 0);
}

void EventLoop::off_thread(Future* f, std::function<void()> work, std::function<Value(VM&)> finish) {
  auto* op = new Impl::WorkOp(this, f);
  op->work = std::move(work);
  op->finish = std::move(finish);
  op->req.data = op;
  link(op);
  if (int err = uv_queue_work(&impl_->uv, &op->req, Impl::on_work, Impl::on_work_done)) {
    Impl::retire(op);
    vm_.raise(fmt::format("cannot start async work: {}", uv_strerror(err)));
  }
}

bool EventLoop::settle(Future* f, FutureState state, Value v) {
  if (!f->pending()) return false;
  f->state = state;
  f->value = v;
  for (Value cb : state == FutureState::Success ? f->on_success : f->on_failure) jobs_.push_back(Job{cb, v});
  f->on_success.clear();
  f->on_failure.clear();
  return true;
}

void EventLoop::add_callback(Future* f, bool on_success, Value cb) {
  if (f->pending()) {
    (on_success ? f->on_success : f->on_failure).push_back(cb);
  } else if ((f->state == FutureState::Success) == on_success) {
    jobs_.push_back(Job{cb, f->value});
  }
}

// One turn: the callbacks queued before it, then I/O and timers (waiting for them only
// when no callback is due). False when nothing was left to run.
bool EventLoop::turn() {
  bool ran = !jobs_.empty();
  run_jobs(jobs_.size());
  if (!uv_loop_alive(&impl_->uv)) return ran || !jobs_.empty();
  uv_run(&impl_->uv, jobs_.empty() ? UV_RUN_ONCE : UV_RUN_NOWAIT);
  if (pending_exception_) std::rethrow_exception(std::exchange(pending_exception_, nullptr));
  return true;
}

void EventLoop::run_jobs(size_t n) {
  // A callback may await and so run jobs itself: take them one at a time.
  for (size_t i = 0; i < n && !jobs_.empty(); ++i) {
    Root fn(vm_.heap, jobs_.front().fn);
    Root arg(vm_.heap, jobs_.front().arg);
    jobs_.pop_front();
    try {
      vm_.call(fn.value, &arg.value, 1);
    } catch (const GeneError& e) {
      // Reported like an uncaught error; the loop goes on with the next callback.
      callback_failed_ = true;
      vm_.flush_out();
      fmt::print(stderr, "{}\n", format_error(e));
      std::fflush(stderr);
    }
  }
}

bool EventLoop::run_until(Future* f) {
  while (f->pending())
    if (!turn()) return false;
  // The callbacks already due, f's own among them, run before the awaiting code goes on:
  // futures that completed before f have had their callbacks by then.
  run_jobs(jobs_.size());
  return true;
}

void EventLoop::drain() {
  while (turn()) {
  }
}

void EventLoop::poll() {
  run_jobs(jobs_.size());
  if (uv_loop_alive(&impl_->uv)) uv_run(&impl_->uv, UV_RUN_NOWAIT);
  if (pending_exception_) std::rethrow_exception(std::exchange(pending_exception_, nullptr));
  run_jobs(jobs_.size());
}

}  // namespace gene

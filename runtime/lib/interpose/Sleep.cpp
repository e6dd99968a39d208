//===- runtime/lib/interpose/Sleep.cpp - sleep, usleep, nanosleep --------------===//
//
// The program's sleeps (and so std::this_thread::sleep_for / sleep_until,
// whose inline code calls nanosleep) are weft's time.sleep: a Sleep event
// and a wait on the kernel's clock, which is virtual time under the
// controlled scheduler (a 2 s sleep there takes no time and never lets a
// schedule depend on the machine's speed). Only calls from the program's
// own code are taken over; weft's (the scheduler's watchdog) and other
// libraries' go to the C library. A sleep is never cut short by a signal
// here: it returns 0 and leaves *rem alone.
//===----------------------------------------------------------------------===//
#include "interpose/Caller.h"
#include "interpose/Real.h"

#include "weft/time.h"

#include <cerrno>
#include <ctime>
#include <unistd.h>

using namespace weft;
using namespace weft::interpose;

namespace {

bool mine(const void *Ret) {
  return !inside() && inProgram(Ret) && !fromWeft(Ret);
}

bool valid(const timespec *T) {
  return T && T->tv_nsec >= 0 && T->tv_nsec < 1000000000 && T->tv_sec >= 0;
}

void sleepFor(double Seconds, const void *Ret) {
  Inside In;
  time::sleep(Seconds > 0 ? Seconds : 0, callerLocation(Ret));
}

} // namespace

extern "C" {

int nanosleep(const timespec *Req, timespec *Rem) {
  const void *Ret = __builtin_return_address(0);
  if (!mine(Ret))
    return real().NanoSleep(Req, Rem);
  if (!valid(Req)) {
    errno = EINVAL;
    return -1;
  }
  sleepFor(double(Req->tv_sec) + double(Req->tv_nsec) * 1e-9, Ret);
  return 0;
}

int clock_nanosleep(clockid_t Clock, int Flags, const timespec *Req,
                    timespec *Rem) {
  const void *Ret = __builtin_return_address(0);
  if (!mine(Ret) || (Clock != CLOCK_MONOTONIC && Clock != CLOCK_REALTIME))
    return real().ClockNanoSleep(Clock, Flags, Req, Rem);
  if (!valid(Req))
    return EINVAL;
  double Secs = double(Req->tv_sec) + double(Req->tv_nsec) * 1e-9;
  if (Flags & TIMER_ABSTIME) {
    timespec Now;
    clock_gettime(Clock, &Now);
    Secs -= double(Now.tv_sec) + double(Now.tv_nsec) * 1e-9;
  }
  sleepFor(Secs, Ret);
  return 0;
}

int usleep(useconds_t Us) {
  const void *Ret = __builtin_return_address(0);
  if (!mine(Ret))
    return real().USleep(Us);
  sleepFor(double(Us) * 1e-6, Ret);
  return 0;
}

unsigned sleep(unsigned Seconds) {
  const void *Ret = __builtin_return_address(0);
  if (!mine(Ret))
    return real().Sleep(Seconds);
  sleepFor(double(Seconds), Ret);
  return 0;
}

} // extern "C"

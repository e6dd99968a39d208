//===- weft/errors.h - Python's exceptions, C++ spelling ------------------===//
//
// A misuse of the runtime API raises one of these with Python's own message
// ("release unlocked lock"), so a student recognizes it from the course.
// what() is the message; pythonName() is the Python exception class.
//===----------------------------------------------------------------------===//
#ifndef WEFT_ERRORS_H
#define WEFT_ERRORS_H

#include <stdexcept>
#include <string>

namespace weft {

class Error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
  virtual const char *pythonName() const noexcept = 0;
};

#define WEFT_DEFINE_ERROR(Cls, PyName)                                         \
  class Cls : public Error {                                                   \
  public:                                                                      \
    using Error::Error;                                                        \
    const char *pythonName() const noexcept override { return PyName; }        \
  };
WEFT_DEFINE_ERROR(RuntimeError, "RuntimeError")
WEFT_DEFINE_ERROR(ValueError, "ValueError")
WEFT_DEFINE_ERROR(TimeoutError, "TimeoutError")
WEFT_DEFINE_ERROR(AssertionError, "AssertionError")
WEFT_DEFINE_ERROR(EOFError, "EOFError")
/// os.fork / os.waitpid: OSError, and its ChildProcessError.
WEFT_DEFINE_ERROR(OSError, "OSError")
WEFT_DEFINE_ERROR(ChildProcessError, "ChildProcessError")
WEFT_DEFINE_ERROR(BrokenPipeError, "BrokenPipeError")
/// threading.BrokenBarrierError
WEFT_DEFINE_ERROR(BrokenBarrierError, "threading.BrokenBarrierError")
/// concurrent.futures.CancelledError
WEFT_DEFINE_ERROR(CancelledError, "concurrent.futures.CancelledError")
/// AttributeError (threading.local: a value this thread never set)
WEFT_DEFINE_ERROR(AttributeError, "AttributeError")
// list.pop() of an empty list, random.choice of an empty sequence.
WEFT_DEFINE_ERROR(IndexError, "IndexError")
#undef WEFT_DEFINE_ERROR

} // namespace weft

#endif

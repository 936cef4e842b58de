package dev.wharf.http;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * {@link ReadAhead.Kernel} by the C library's {@code open}, {@code posix_fadvise} and {@code close},
 * called through the FFM API. Compiled for JDK 22 (the API's first final release) apart from the
 * rest, and loaded by name by {@link ReadAhead} only on a JVM that has it, on Linux for x86-64 or
 * AArch64, whose values of the constants below these are.
 */
final class Fadvise implements ReadAhead.Kernel {
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;
    private static final int POSIX_FADV_WILLNEED = 3;

    private final MethodHandle open;
    private final MethodHandle fadvise;
    private final MethodHandle close;

    Fadvise() {
        Linker linker = Linker.nativeLinker();
        SymbolLookup libc = linker.defaultLookup();
        // int open(const char *path, int flags, ...): the mode is passed as the variadic argument it is
        open = linker.downcallHandle(libc.find("open").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
        fadvise = linker.downcallHandle(libc.find("posix_fadvise").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT));
        close = linker.downcallHandle(libc.find("close").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }

    @Override
    public int open(Path file) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment path = arena.allocateFrom(file.toString());
            return (int) open.invokeExact(path, O_RDONLY | O_CLOEXEC, 0);
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            return -1;
        }
    }

    @Override
    public boolean willNeed(int fd, long offset, long length) {
        try {
            return (int) fadvise.invokeExact(fd, offset, length, POSIX_FADV_WILLNEED) == 0;
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            return false;
        }
    }

    @Override
    public void close(int fd) {
        try {
            int ignored = (int) close.invokeExact(fd);
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            // nothing was read through it
        }
    }
}

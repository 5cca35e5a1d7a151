/*
 * The floor under every Java row of the report: libc's labs and strlen called from C through a volatile
 * function pointer (so the compiler cannot inline or hoist the call), N times, timed with a monotonic clock.
 * Prints "floor <function> <ns per call>" lines, each the median of several repetitions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CALLS 20000000L
#define REPETITIONS 7

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double) t.tv_sec * 1e9 + (double) t.tv_nsec;
}

static int compare_doubles(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

static long (*volatile labs_pointer)(long) = labs;
static size_t (*volatile strlen_pointer)(const char *) = strlen;
static volatile long sink;

static double median(double *values) {
    qsort(values, REPETITIONS, sizeof(double), compare_doubles);
    return values[REPETITIONS / 2];
}

int main(void) {
    const char *text = "hello, native world";
    double labs_ns[REPETITIONS], strlen_ns[REPETITIONS];
    for (int r = 0; r < REPETITIONS; r++) {
        double start = now_ns();
        for (long i = 0; i < CALLS; i++) {
            sink += labs_pointer(-42 - (i & 1));
        }
        labs_ns[r] = (now_ns() - start) / CALLS;
        start = now_ns();
        for (long i = 0; i < CALLS; i++) {
            sink += (long) strlen_pointer(text);
        }
        strlen_ns[r] = (now_ns() - start) / CALLS;
    }
    printf("floor labs %.3f\n", median(labs_ns));
    printf("floor strlen %.3f\n", median(strlen_ns));
    return 0;
}

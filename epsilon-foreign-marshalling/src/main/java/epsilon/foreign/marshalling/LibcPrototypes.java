package epsilon.foreign.marshalling;

/**
 * The shipped prototypes of {@link KnownPrototypes}, as C text: a constant of this class rather than a resource,
 * because reading a resource on a program's first call loads the JDK's URL, jar-connection and runtime-image
 * readers (some 40 classes), which costs more than the whole table. Its first lines say its format and what is
 * left out; {@code KnownPrototypesGlibcTest} checks every line against the system's own headers.
 */
final class LibcPrototypes {
    /** One C declaration per line; comment and blank lines are skipped. */
    static final String TEXT = """
// Prototypes of common C library functions, for KnownPrototypes (Lisp Epsilon's infer-function-signature).
//
// Format: one C declaration per line, as CPrototype.parse accepts it; '//' and '/* */' comments and blank
// lines are skipped. Lines are indexed by function name when KnownPrototypes is first used and each one is
// parsed only when its name is first looked up.
//
// Types are those of glibc on x86-64 Linux (and of POSIX). Left out on purpose:
//   - functions taking or returning long double (strtold, fabsl, ...): the FFM linker has no layout for it;
//   - functions taking a va_list (vprintf family): va_list is an ABI-specific opaque type;
//   - fork and the exec family: they cannot be called safely from a running JVM;
//   - atexit: glibc links it statically into each program (libc_nonshared.a), so no library exports it;
//   - functions whose structs are platform-specific appear only where those structs are passed by pointer; the
//     common ones (struct tm, struct timeval, struct timespec, ...) are built in, so such pointers are typed.
// div, ldiv, lldiv and imaxdiv return small structs by value; their layouts (div_t, ...) are built in.
//
// A parameter glibc declares nonnull (__nonnull ((1)) in its headers) carries __attribute__((nonnull(i))) here,
// so that a call passing NULL for it is refused before C dereferences it. KnownPrototypesGlibcTest checks every
// line against the system's own headers: the same number of parameters, ABI-compatible types and the same
// nonnull parameters.

// ---- string.h, strings.h --------------------------------------------------------------------------------
size_t strlen(const char *s) __attribute__((nonnull(1)));
size_t strnlen(const char *s, size_t maxlen) __attribute__((nonnull(1)));
char *strcpy(char *restrict dest, const char *restrict src) __attribute__((nonnull(1, 2)));
char *strncpy(char *restrict dest, const char *restrict src, size_t n) __attribute__((nonnull(1, 2)));
char *stpcpy(char *restrict dest, const char *restrict src) __attribute__((nonnull(1, 2)));
char *stpncpy(char *restrict dest, const char *restrict src, size_t n) __attribute__((nonnull(1, 2)));
char *strcat(char *restrict dest, const char *restrict src) __attribute__((nonnull(1, 2)));
char *strncat(char *restrict dest, const char *restrict src, size_t n) __attribute__((nonnull(1, 2)));
int strcmp(const char *s1, const char *s2) __attribute__((nonnull(1, 2)));
int strncmp(const char *s1, const char *s2, size_t n) __attribute__((nonnull(1, 2)));
int strcasecmp(const char *s1, const char *s2) __attribute__((nonnull(1, 2)));
int strncasecmp(const char *s1, const char *s2, size_t n) __attribute__((nonnull(1, 2)));
int strcoll(const char *s1, const char *s2) __attribute__((nonnull(1, 2)));
size_t strxfrm(char *restrict dest, const char *restrict src, size_t n) __attribute__((nonnull(2)));
char *strchr(const char *s, int c) __attribute__((nonnull(1)));
char *strrchr(const char *s, int c) __attribute__((nonnull(1)));
char *strchrnul(const char *s, int c) __attribute__((nonnull(1)));
char *strstr(const char *haystack, const char *needle) __attribute__((nonnull(1, 2)));
char *strcasestr(const char *haystack, const char *needle) __attribute__((nonnull(1, 2)));
char *strpbrk(const char *s, const char *accept) __attribute__((nonnull(1, 2)));
size_t strspn(const char *s, const char *accept) __attribute__((nonnull(1, 2)));
size_t strcspn(const char *s, const char *reject) __attribute__((nonnull(1, 2)));
char *strtok(char *restrict str, const char *restrict delim) __attribute__((nonnull(2)));
char *strtok_r(char *restrict str, const char *restrict delim, char **restrict saveptr) __attribute__((nonnull(2, 3)));
char *strsep(char **restrict stringp, const char *restrict delim) __attribute__((nonnull(1, 2)));
char *strdup(const char *s) __attribute__((nonnull(1)));
char *strndup(const char *s, size_t n) __attribute__((nonnull(1)));
char *strerror(int errnum);
char *strsignal(int sig);
void *memcpy(void *restrict dest, const void *restrict src, size_t n) __attribute__((nonnull(1, 2)));
void *mempcpy(void *restrict dest, const void *restrict src, size_t n) __attribute__((nonnull(1, 2)));
void *memmove(void *dest, const void *src, size_t n) __attribute__((nonnull(1, 2)));
void *memccpy(void *restrict dest, const void *restrict src, int c, size_t n) __attribute__((nonnull(1, 2)));
void *memset(void *s, int c, size_t n) __attribute__((nonnull(1)));
int memcmp(const void *s1, const void *s2, size_t n) __attribute__((nonnull(1, 2)));
void *memchr(const void *s, int c, size_t n) __attribute__((nonnull(1)));
void *memrchr(const void *s, int c, size_t n) __attribute__((nonnull(1)));
void *memmem(const void *haystack, size_t haystacklen, const void *needle, size_t needlelen) __attribute__((nonnull(1, 3)));
void bzero(void *s, size_t n) __attribute__((nonnull(1)));
void explicit_bzero(void *s, size_t n) __attribute__((nonnull(1)));

// ---- stdlib.h: memory -----------------------------------------------------------------------------------
void *malloc(size_t size);
void *calloc(size_t nmemb, size_t size);
void *realloc(void *ptr, size_t size);
void *reallocarray(void *ptr, size_t nmemb, size_t size);
void free(void *ptr);
void *aligned_alloc(size_t alignment, size_t size);
int posix_memalign(void **memptr, size_t alignment, size_t size) __attribute__((nonnull(1)));

// ---- stdlib.h: numbers ----------------------------------------------------------------------------------
int atoi(const char *nptr) __attribute__((nonnull(1)));
long atol(const char *nptr) __attribute__((nonnull(1)));
long long atoll(const char *nptr) __attribute__((nonnull(1)));
double atof(const char *nptr) __attribute__((nonnull(1)));
long strtol(const char *restrict nptr, char **restrict endptr, int base) __attribute__((nonnull(1)));
long long strtoll(const char *restrict nptr, char **restrict endptr, int base) __attribute__((nonnull(1)));
unsigned long strtoul(const char *restrict nptr, char **restrict endptr, int base) __attribute__((nonnull(1)));
unsigned long long strtoull(const char *restrict nptr, char **restrict endptr, int base) __attribute__((nonnull(1)));
double strtod(const char *restrict nptr, char **restrict endptr) __attribute__((nonnull(1)));
float strtof(const char *restrict nptr, char **restrict endptr) __attribute__((nonnull(1)));
intmax_t strtoimax(const char *restrict nptr, char **restrict endptr, int base);
uintmax_t strtoumax(const char *restrict nptr, char **restrict endptr, int base);
int abs(int j);
long labs(long j);
long long llabs(long long j);
intmax_t imaxabs(intmax_t j);
div_t div(int numerator, int denominator);
ldiv_t ldiv(long numerator, long denominator);
lldiv_t lldiv(long long numerator, long long denominator);
imaxdiv_t imaxdiv(intmax_t numerator, intmax_t denominator);
int rand(void);
void srand(unsigned int seed);
int rand_r(unsigned int *seedp);
long random(void);
void srandom(unsigned int seed);
double drand48(void);
long lrand48(void);
long mrand48(void);
void srand48(long seedval);

// ---- stdlib.h: environment, process, searching ----------------------------------------------------------
char *getenv(const char *name) __attribute__((nonnull(1)));
char *secure_getenv(const char *name) __attribute__((nonnull(1)));
int setenv(const char *name, const char *value, int overwrite) __attribute__((nonnull(2)));
int unsetenv(const char *name) __attribute__((nonnull(1)));
int putenv(char *string) __attribute__((nonnull(1)));
int clearenv(void);
int system(const char *command);
void exit(int status);
void _Exit(int status);
void abort(void);
void qsort(void *base, size_t nmemb, size_t size, int (*compar)(const void *, const void *)) __attribute__((nonnull(1, 4)));
void *bsearch(const void *key, const void *base, size_t nmemb, size_t size, int (*compar)(const void *, const void *)) __attribute__((nonnull(1, 2, 5)));
char *realpath(const char *restrict path, char *restrict resolved_path);
int mkstemp(char *template) __attribute__((nonnull(1)));
char *mkdtemp(char *template) __attribute__((nonnull(1)));
int mblen(const char *s, size_t n);
int mbtowc(wchar_t *restrict pwc, const char *restrict s, size_t n);
int wctomb(char *s, wchar_t wc);
size_t mbstowcs(wchar_t *restrict dest, const char *restrict src, size_t n);
size_t wcstombs(char *restrict dest, const wchar_t *restrict src, size_t n);

// ---- stdio.h --------------------------------------------------------------------------------------------
int printf(const char *restrict format, ...);
int fprintf(FILE *restrict stream, const char *restrict format, ...);
int dprintf(int fd, const char *restrict format, ...);
int sprintf(char *restrict str, const char *restrict format, ...);
int snprintf(char *restrict str, size_t size, const char *restrict format, ...);
int scanf(const char *restrict format, ...);
int fscanf(FILE *restrict stream, const char *restrict format, ...);
int sscanf(const char *restrict str, const char *restrict format, ...);
int puts(const char *s);
int fputs(const char *restrict s, FILE *restrict stream);
int putchar(int c);
int fputc(int c, FILE *stream);
int putc(int c, FILE *stream);
int getchar(void);
int fgetc(FILE *stream);
int getc(FILE *stream);
int ungetc(int c, FILE *stream);
char *fgets(char *restrict s, int size, FILE *restrict stream);
ssize_t getline(char **restrict lineptr, size_t *restrict n, FILE *restrict stream);
ssize_t getdelim(char **restrict lineptr, size_t *restrict n, int delim, FILE *restrict stream);
FILE *fopen(const char *restrict pathname, const char *restrict mode);
FILE *fdopen(int fd, const char *mode);
FILE *freopen(const char *restrict pathname, const char *restrict mode, FILE *restrict stream);
FILE *fmemopen(void *buf, size_t size, const char *mode);
FILE *tmpfile(void);
FILE *popen(const char *command, const char *type);
int pclose(FILE *stream);
int fclose(FILE *stream);
int fflush(FILE *stream);
size_t fread(void *restrict ptr, size_t size, size_t nmemb, FILE *restrict stream);
size_t fwrite(const void *restrict ptr, size_t size, size_t nmemb, FILE *restrict stream);
int fseek(FILE *stream, long offset, int whence);
long ftell(FILE *stream);
int fseeko(FILE *stream, off_t offset, int whence);
off_t ftello(FILE *stream);
void rewind(FILE *stream);
int feof(FILE *stream);
int ferror(FILE *stream);
void clearerr(FILE *stream);
int fileno(FILE *stream);
void setbuf(FILE *restrict stream, char *restrict buf);
int setvbuf(FILE *restrict stream, char *restrict buf, int mode, size_t size);
void perror(const char *s);
int remove(const char *pathname);
int rename(const char *oldpath, const char *newpath);

// ---- ctype.h --------------------------------------------------------------------------------------------
int isalnum(int c);
int isalpha(int c);
int isascii(int c);
int isblank(int c);
int iscntrl(int c);
int isdigit(int c);
int isgraph(int c);
int islower(int c);
int isprint(int c);
int ispunct(int c);
int isspace(int c);
int isupper(int c);
int isxdigit(int c);
int toupper(int c);
int tolower(int c);
int toascii(int c);

// ---- math.h (libm): double ------------------------------------------------------------------------------
double sin(double x);
double cos(double x);
double tan(double x);
double asin(double x);
double acos(double x);
double atan(double x);
double atan2(double y, double x);
double sinh(double x);
double cosh(double x);
double tanh(double x);
double asinh(double x);
double acosh(double x);
double atanh(double x);
double exp(double x);
double exp2(double x);
double expm1(double x);
double log(double x);
double log10(double x);
double log2(double x);
double log1p(double x);
double logb(double x);
int ilogb(double x);
double pow(double x, double y);
double sqrt(double x);
double cbrt(double x);
double hypot(double x, double y);
double ceil(double x);
double floor(double x);
double round(double x);
double trunc(double x);
double rint(double x);
double nearbyint(double x);
long lround(double x);
long long llround(double x);
long lrint(double x);
long long llrint(double x);
double fmod(double x, double y);
double remainder(double x, double y);
double remquo(double x, double y, int *quo);
double fabs(double x);
double fmin(double x, double y);
double fmax(double x, double y);
double fdim(double x, double y);
double fma(double x, double y, double z);
double copysign(double x, double y);
double nextafter(double x, double y);
double ldexp(double x, int exp);
double frexp(double x, int *exp);
double modf(double x, double *iptr);
double scalbn(double x, int n);
double erf(double x);
double erfc(double x);
double tgamma(double x);
double lgamma(double x);
double nan(const char *tagp);

// ---- math.h (libm): float -------------------------------------------------------------------------------
float sinf(float x);
float cosf(float x);
float tanf(float x);
float atan2f(float y, float x);
float expf(float x);
float logf(float x);
float log10f(float x);
float log2f(float x);
float powf(float x, float y);
float sqrtf(float x);
float cbrtf(float x);
float hypotf(float x, float y);
float ceilf(float x);
float floorf(float x);
float roundf(float x);
float truncf(float x);
float fmodf(float x, float y);
float fabsf(float x);
float fminf(float x, float y);
float fmaxf(float x, float y);
float fmaf(float x, float y, float z);
float copysignf(float x, float y);
float ldexpf(float x, int exp);
float frexpf(float x, int *exp);
float modff(float x, float *iptr);

// ---- time.h, sys/time.h ---------------------------------------------------------------------------------
time_t time(time_t *tloc);
clock_t clock(void);
double difftime(time_t time1, time_t time0);
time_t mktime(struct tm *tm);
time_t timegm(struct tm *tm);
struct tm *gmtime(const time_t *timep);
struct tm *gmtime_r(const time_t *restrict timep, struct tm *restrict result);
struct tm *localtime(const time_t *timep);
struct tm *localtime_r(const time_t *restrict timep, struct tm *restrict result);
char *asctime(const struct tm *tm);
char *asctime_r(const struct tm *restrict tm, char *restrict buf);
char *ctime(const time_t *timep);
char *ctime_r(const time_t *restrict timep, char *restrict buf);
size_t strftime(char *restrict s, size_t max, const char *restrict format, const struct tm *restrict tm);
char *strptime(const char *restrict s, const char *restrict format, struct tm *restrict tm);
void tzset(void);
int nanosleep(const struct timespec *req, struct timespec *rem);
int clock_gettime(clockid_t clockid, struct timespec *tp) __attribute__((nonnull(2)));
int clock_getres(clockid_t clockid, struct timespec *res);
int gettimeofday(struct timeval *restrict tv, void *restrict tz) __attribute__((nonnull(1)));

// ---- unistd.h -------------------------------------------------------------------------------------------
pid_t getpid(void);
pid_t getppid(void);
pid_t getpgrp(void);
pid_t getsid(pid_t pid);
int setpgid(pid_t pid, pid_t pgid);
uid_t getuid(void);
uid_t geteuid(void);
gid_t getgid(void);
gid_t getegid(void);
char *getlogin(void);
int gethostname(char *name, size_t len) __attribute__((nonnull(1)));
long sysconf(int name);
int getpagesize(void);
ssize_t read(int fd, void *buf, size_t count);
ssize_t write(int fd, const void *buf, size_t count);
ssize_t pread(int fd, void *buf, size_t count, off_t offset);
ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset);
int close(int fd);
off_t lseek(int fd, off_t offset, int whence);
int dup(int oldfd);
int dup2(int oldfd, int newfd);
int pipe(int pipefd[2]);
int fsync(int fd);
int fdatasync(int fd);
int ftruncate(int fd, off_t length);
int truncate(const char *path, off_t length) __attribute__((nonnull(1)));
int isatty(int fd);
char *ttyname(int fd);
int access(const char *pathname, int mode) __attribute__((nonnull(1)));
int unlink(const char *pathname) __attribute__((nonnull(1)));
int rmdir(const char *pathname) __attribute__((nonnull(1)));
int link(const char *oldpath, const char *newpath) __attribute__((nonnull(1, 2)));
int symlink(const char *target, const char *linkpath) __attribute__((nonnull(1, 2)));
ssize_t readlink(const char *restrict pathname, char *restrict buf, size_t bufsiz) __attribute__((nonnull(1, 2)));
int chdir(const char *path) __attribute__((nonnull(1)));
char *getcwd(char *buf, size_t size);
int chown(const char *pathname, uid_t owner, gid_t group) __attribute__((nonnull(1)));
unsigned int sleep(unsigned int seconds);
int usleep(useconds_t usec);
unsigned int alarm(unsigned int seconds);
int pause(void);
void _exit(int status);

// ---- fcntl.h, sys/stat.h, sys/mman.h, dirent.h ----------------------------------------------------------
int open(const char *pathname, int flags, ...) __attribute__((nonnull(1)));
int openat(int dirfd, const char *pathname, int flags, ...) __attribute__((nonnull(2)));
int creat(const char *pathname, mode_t mode) __attribute__((nonnull(1)));
int fcntl(int fd, int cmd, ...);
int mkdir(const char *pathname, mode_t mode) __attribute__((nonnull(1)));
int chmod(const char *pathname, mode_t mode) __attribute__((nonnull(1)));
int fchmod(int fd, mode_t mode);
mode_t umask(mode_t mask);
// stat, fstat and lstat are exported by glibc 2.33 and later (before, only __xstat and friends).
int stat(const char *restrict pathname, struct stat *restrict statbuf) __attribute__((nonnull(1, 2)));
int fstat(int fd, struct stat *statbuf) __attribute__((nonnull(2)));
int lstat(const char *restrict pathname, struct stat *restrict statbuf) __attribute__((nonnull(1, 2)));
void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset);
int munmap(void *addr, size_t length);
int mprotect(void *addr, size_t len, int prot);
DIR *opendir(const char *name) __attribute__((nonnull(1)));
struct dirent *readdir(DIR *dirp) __attribute__((nonnull(1)));
int closedir(DIR *dirp) __attribute__((nonnull(1)));
void rewinddir(DIR *dirp) __attribute__((nonnull(1)));

// ---- signal.h, errno, dlfcn.h, locale.h, wchar.h --------------------------------------------------------
int kill(pid_t pid, int sig);
int raise(int sig);
void (*signal(int signum, void (*handler)(int)))(int);
int *__errno_location(void); // glibc: where errno lives for the calling thread
void *dlopen(const char *filename, int flags);
void *dlsym(void *restrict handle, const char *restrict symbol) __attribute__((nonnull(2)));
int dlclose(void *handle) __attribute__((nonnull(1)));
char *dlerror(void);
char *setlocale(int category, const char *locale);
size_t wcslen(const wchar_t *s);
int wcscmp(const wchar_t *s1, const wchar_t *s2) __attribute__((nonnull(1, 2)));
wchar_t *wcscpy(wchar_t *restrict dest, const wchar_t *restrict src) __attribute__((nonnull(1, 2)));
int wcwidth(wchar_t c);
""";

    private LibcPrototypes() {}
}

// Self-contained declarations of the BLAS/LAPACK routines Zhuti calls.
//
// Deliberately not <cblas.h>/<lapacke.h>: their contents change with Debian's
// alternatives (reference BLAS vs OpenBLAS). These signatures are the stable ABI:
// CBLAS with `int` dimensions, LAPACK's Fortran symbols with 32-bit INTEGERs passed
// by reference, and one hidden trailing `size_t` length per CHARACTER argument
// (gfortran's calling convention).
#ifndef ZHUTI_CLINEARALGEBRA_SHIM_H
#define ZHUTI_CLINEARALGEBRA_SHIM_H

#include <stddef.h>

typedef int zhuti_fint; // Fortran INTEGER (LP64 build of BLAS/LAPACK)

enum ZhutiCblasOrder { ZhutiCblasRowMajor = 101, ZhutiCblasColMajor = 102 };
enum ZhutiCblasTranspose { ZhutiCblasNoTrans = 111, ZhutiCblasTrans = 112 };

// ---- CBLAS (level 1-3) ----
void cblas_sgemm(const enum ZhutiCblasOrder order, const enum ZhutiCblasTranspose transA,
                 const enum ZhutiCblasTranspose transB, const int m, const int n, const int k,
                 const float alpha, const float *a, const int lda, const float *b, const int ldb,
                 const float beta, float *c, const int ldc);
void cblas_dgemm(const enum ZhutiCblasOrder order, const enum ZhutiCblasTranspose transA,
                 const enum ZhutiCblasTranspose transB, const int m, const int n, const int k,
                 const double alpha, const double *a, const int lda, const double *b, const int ldb,
                 const double beta, double *c, const int ldc);
void cblas_sgemv(const enum ZhutiCblasOrder order, const enum ZhutiCblasTranspose trans,
                 const int m, const int n, const float alpha, const float *a, const int lda,
                 const float *x, const int incx, const float beta, float *y, const int incy);
float cblas_sdot(const int n, const float *x, const int incx, const float *y, const int incy);
float cblas_snrm2(const int n, const float *x, const int incx);

// ---- LAPACK (Fortran ABI) ----
// QR factorisation and explicit Q.
void sgeqrf_(const zhuti_fint *m, const zhuti_fint *n, float *a, const zhuti_fint *lda,
             float *tau, float *work, const zhuti_fint *lwork, zhuti_fint *info);
void sorgqr_(const zhuti_fint *m, const zhuti_fint *n, const zhuti_fint *k, float *a,
             const zhuti_fint *lda, const float *tau, float *work, const zhuti_fint *lwork,
             zhuti_fint *info);
void dgeqrf_(const zhuti_fint *m, const zhuti_fint *n, double *a, const zhuti_fint *lda,
             double *tau, double *work, const zhuti_fint *lwork, zhuti_fint *info);
void dorgqr_(const zhuti_fint *m, const zhuti_fint *n, const zhuti_fint *k, double *a,
             const zhuti_fint *lda, const double *tau, double *work, const zhuti_fint *lwork,
             zhuti_fint *info);
// Divide-and-conquer SVD. JOBZ is a CHARACTER*1: hidden length argument last.
void sgesdd_(const char *jobz, const zhuti_fint *m, const zhuti_fint *n, float *a,
             const zhuti_fint *lda, float *s, float *u, const zhuti_fint *ldu, float *vt,
             const zhuti_fint *ldvt, float *work, const zhuti_fint *lwork, zhuti_fint *iwork,
             zhuti_fint *info, size_t jobz_len);
void dgesdd_(const char *jobz, const zhuti_fint *m, const zhuti_fint *n, double *a,
             const zhuti_fint *lda, double *s, double *u, const zhuti_fint *ldu, double *vt,
             const zhuti_fint *ldvt, double *work, const zhuti_fint *lwork, zhuti_fint *iwork,
             zhuti_fint *info, size_t jobz_len);

// ---- A software prefetch (no Swift spelling): vocabulary lookups of a document touch
// thousands of random cache lines of a multi-megabyte table; asking for the next ones
// early lets those misses overlap.
static inline void zhuti_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

// ---- OpenBLAS's thread pool, when the BLAS loaded at run time is OpenBLAS ----
// Debian's alternatives decide at run time whether libblas.so.3 is OpenBLAS or the
// reference BLAS, so the OpenBLAS-only calls are looked up, not linked: -1 / no-op when
// absent. Used where Zhuti splits the work over the cores itself: OpenBLAS's idle
// workers otherwise spin (sched_yield) on the cores Zhuti's own threads need.
#include <dlfcn.h>

static inline int zhuti_openblas_threads(void) {
    int (*get)(void) = (int (*)(void))dlsym(RTLD_DEFAULT, "openblas_get_num_threads");
    return get ? get() : -1;
}

static inline void zhuti_set_openblas_threads(int count) {
    void (*set)(int) = (void (*)(int))dlsym(RTLD_DEFAULT, "openblas_set_num_threads");
    if (set) set(count);
}

#endif

/*
 * collectives.c - barrier and bcast latency of a C MPI, measured the way Myrmidon's
 * `bcast`/`barrier` examples measure themselves (own code): per size, untimed warm-up calls,
 * then timed calls; each rank takes the median of its own call times; the row reports the largest
 * median over ranks ("p50_us", as Myrmidon's p50 column) and the mean over ranks of each rank's
 * mean ("avg_us").
 *
 * Output rows: "COLL impl=<label> op=<barrier|bcast> np=<n> bytes=<size> avg_us=<x> p50_us=<y>"
 * Build: mpicc.openmpi -O2 -o collectives collectives.c
 * Run:   mpirun.openmpi -np 4 ./collectives openmpi
 */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec * 1e-3;
}

static int compare(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void measure(const char *label, const char *op, int size, int iters, int warm, char *buf, double *samples)
{
    int rank, np;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &np);
    MPI_Barrier(MPI_COMM_WORLD);
    double sum = 0;
    for (int i = 0; i < warm + iters; i++) {
        const double t0 = now_us();
        if (size < 0) MPI_Barrier(MPI_COMM_WORLD);
        else MPI_Bcast(buf, size, MPI_BYTE, 0, MPI_COMM_WORLD);
        const double t = now_us() - t0;
        if (i >= warm) { samples[i - warm] = t; sum += t; }
    }
    qsort(samples, iters, sizeof(double), compare);
    double mine[2] = { sum / iters, samples[iters / 2] }, max_median = 0, sum_means = 0;
    MPI_Reduce(&mine[1], &max_median, 1, MPI_DOUBLE, MPI_MAX, 0, MPI_COMM_WORLD);
    MPI_Reduce(&mine[0], &sum_means, 1, MPI_DOUBLE, MPI_SUM, 0, MPI_COMM_WORLD);
    if (rank == 0) {
        printf("COLL impl=%s op=%s np=%d bytes=%d avg_us=%.3f p50_us=%.3f\n", label, op, np, size < 0 ? 0 : size,
               sum_means / np, max_median);
        fflush(stdout);
    }
}

int main(int argc, char **argv)
{
    MPI_Init(&argc, &argv);
    const char *label = argc > 1 ? argv[1] : "mpi";
    const int iters = 20000;
    char *buf = malloc(1 << 20);
    double *samples = malloc(sizeof(double) * iters);
    measure(label, "barrier", -1, iters, 2000, buf, samples);
    measure(label, "bcast", 8, iters, 2000, buf, samples);
    measure(label, "bcast", 1 << 20, 500, 50, buf, samples);
    free(samples);
    free(buf);
    MPI_Finalize();
    return 0;
}

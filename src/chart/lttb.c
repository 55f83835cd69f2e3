/* lttb.c — Largest-Triangle-Three-Buckets down-sampling (Steinarsson 2013).
 *
 * Keeps the first and last point; splits the rest into threshold-2 buckets
 * and from each keeps the point that makes the largest triangle with the
 * point kept before it and the average of the next bucket. Peaks and dips
 * survive, which is what a reader looks at; plain every-nth sampling loses
 * them. */
#include <math.h>

#include "chart/internal.h"

size_t chart_lttb(const double *x, const double *y, size_t n, size_t threshold, size_t *idx)
{
    if (threshold >= n || threshold < 3) {
        for (size_t i = 0; i < n; i++)
            idx[i] = i;
        return n;
    }
    double every = (double)(n - 2) / (double)(threshold - 2);
    size_t a = 0, k = 0;
    idx[k++] = 0;
    for (size_t b = 0; b < threshold - 2; b++) {
        size_t lo = (size_t)floor((double)b * every) + 1;
        size_t hi = (size_t)floor((double)(b + 1) * every) + 1;
        size_t nlo = hi, nhi = (size_t)floor((double)(b + 2) * every) + 1;
        if (nhi > n)
            nhi = n;
        double ax = 0, ay = 0;
        for (size_t j = nlo; j < nhi; j++) {
            ax += x[j];
            ay += y[j];
        }
        if (nhi > nlo) {
            ax /= (double)(nhi - nlo);
            ay /= (double)(nhi - nlo);
        } else {
            ax = x[n - 1];
            ay = y[n - 1];
        }
        double best = -1;
        size_t pick = lo;
        for (size_t j = lo; j < hi && j < n - 1; j++) {
            double area = fabs((x[a] - ax) * (y[j] - y[a]) - (x[a] - x[j]) * (ay - y[a]));
            if (area > best) {
                best = area;
                pick = j;
            }
        }
        idx[k++] = a = pick;
    }
    idx[k++] = n - 1;
    return k;
}

"""Per-channel star FWHM of stacked RGB FITS files, measured independently of our kernel.

usage: /usr/bin/python3 bench/fwhm.py STACK.fits [STACK.fits ...]  ->  one JSON line per file:
{"file", "scale": arcsec/px or null, "stars": n, "fwhm": [R, G, B] median px, "spread": [R, G, B] MAD px,
 "paired": {"stars": n, "ratio": [R, G, B]}}  (files after the first: median over the stars both
measured of this file's FWHM / the first's; the two stacks' grids may differ by a shift and a row flip)

Reads our stacks (RED / GREEN / BLUE image extensions) and Siril's (one 3 x H x W cube). Stars are
found on the summed, sky-subtracted channels; kept when isolated (no other peak within ISOLATION px),
away from the edges and NaNs, and unsaturated (no plateau at the top, not among the brightest tenth).
Each channel of each star is fitted by an elliptical, rotated Gaussian plus a constant sky (scipy
least squares on a cutout of radius CUT); FWHM = 2.3548 * sqrt(sigma_x * sigma_y).
"""
import json
import sys

import numpy as np
from astropy.io import fits
from astropy.wcs import WCS
from astropy.wcs.utils import proj_plane_pixel_scales
from scipy import ndimage, optimize

CUT = 8
EDGE = 60
ISOLATION = 20
DETECT_SIGMA = 15
MAX_STARS = 200
FWHM_PER_SIGMA = 2 * np.sqrt(2 * np.log(2))


def load(path):
    with fits.open(path) as hdul:
        named = {h.header.get('EXTNAME'): h for h in hdul}
        if all(n in named for n in ('RED', 'GREEN', 'BLUE')):
            planes = [np.asarray(named[n].data, dtype=np.float64) for n in ('RED', 'GREEN', 'BLUE')]
            headers = [named['RED'].header, hdul[0].header]
        else:
            cube = next(h for h in hdul if h.data is not None and h.data.ndim == 3)
            planes = [np.asarray(p, dtype=np.float64) for p in cube.data[:3]]
            headers = [cube.header, hdul[0].header]
    return planes, headers


def plate_scale(headers):
    for h in headers:
        if 'CTYPE1' in h and 'CTYPE2' in h:
            w = WCS(h, naxis=2)
            if w.has_celestial:
                return float(np.sqrt(np.prod(proj_plane_pixel_scales(w.celestial))) * 3600)
    for h in headers:
        if 'FOCALLEN' in h and 'XPIXSZ' in h and h['FOCALLEN'] > 0:
            return 206.264806 * float(h['XPIXSZ']) / float(h['FOCALLEN'])
    return None


def sky_sigma(a):
    v = a[np.isfinite(a)][:: max(1, a.size // 200000)]
    med = np.median(v)
    return med, 1.4826 * np.median(np.abs(v - med))


def find_stars(planes):
    h, w = planes[0].shape
    lum = np.zeros((h, w))
    for p in planes:
        med, sig = sky_sigma(p)
        lum += (p - med) / (sig if sig > 0 else 1)
    finite = np.isfinite(lum)
    lum[~finite] = 0
    sm = ndimage.gaussian_filter(lum, 1.0)
    _, sig = sky_sigma(sm)
    peaks = (sm == ndimage.maximum_filter(sm, size=5)) & (sm > 4 * sig)
    ys, xs = np.nonzero(peaks)
    vals = sm[ys, xs]
    strong = vals > DETECT_SIGMA * sig
    bad = ~ndimage.binary_erosion(finite, iterations=CUT + 2, border_value=0)
    keep = []
    for i in np.nonzero(strong)[0]:
        x, y = xs[i], ys[i]
        if x < EDGE or y < EDGE or x >= w - EDGE or y >= h - EDGE or bad[y, x]:
            continue
        d2 = (xs - x) ** 2 + (ys - y) ** 2
        if np.count_nonzero(d2 < ISOLATION ** 2) > 1:
            continue
        keep.append((vals[i], x, y))
    keep.sort(reverse=True)
    # the brightest tenth may be saturated in some frames; the faintest are noisy fits
    keep = keep[len(keep) // 10:]
    return [(x, y) for _, x, y in keep[:MAX_STARS]]


def plateau(cut):
    top = cut.max()
    return np.count_nonzero(cut > top - 0.02 * (top - np.median(cut))) >= 5


def fit(cut):
    n = cut.shape[0]
    yy, xx = np.mgrid[0:n, 0:n].astype(np.float64)
    bg0 = np.median(np.concatenate([cut[0], cut[-1], cut[:, 0], cut[:, -1]]))
    amp0 = cut[CUT, CUT] - bg0
    if not amp0 > 0:
        return None

    def resid(p):
        a, x0, y0, sx, sy, th, bg = p
        c, s = np.cos(th), np.sin(th)
        u = (xx - x0) * c + (yy - y0) * s
        v = -(xx - x0) * s + (yy - y0) * c
        return (a * np.exp(-0.5 * ((u / sx) ** 2 + (v / sy) ** 2)) + bg - cut).ravel()

    p0 = [amp0, CUT, CUT, 1.5, 1.5, 0.0, bg0]
    try:
        r = optimize.least_squares(resid, p0, bounds=([0, CUT - 3, CUT - 3, 0.3, 0.3, -np.pi, -np.inf], [np.inf, CUT + 3, CUT + 3, 8, 8, np.pi, np.inf]))
    except ValueError:
        return None
    a, x0, y0, sx, sy, _, _ = r.x
    if not r.success or abs(x0 - CUT) > 2 or abs(y0 - CUT) > 2:
        return None
    return FWHM_PER_SIGMA * np.sqrt(sx * sy)


def measure(path):
    planes, headers = load(path)
    stars = find_stars(planes)
    per = [[], [], []]
    used = []
    for x, y in stars:
        cuts = [p[y - CUT:y + CUT + 1, x - CUT:x + CUT + 1] for p in planes]
        if any(not np.all(np.isfinite(c)) or plateau(c) for c in cuts):
            continue
        f = [fit(c) for c in cuts]
        if any(v is None for v in f):
            continue
        used.append((x, y, f))
        for c in range(3):
            per[c].append(f[c])
    med = [float(np.median(v)) if v else None for v in per]
    mad = [float(np.median(np.abs(np.array(v) - m))) if v else None for v, m in zip(per, med)]
    out = {'file': path, 'scale': plate_scale(headers), 'stars': len(used), 'fwhm': med, 'spread': mad}
    return out, used, planes[0].shape[0]


def pair(first, other, height):
    """Stars of `other` matched to `first`'s: the shift voted by all pairs (2 px bins), rows as they
    are or flipped, whichever matches more; then nearest within 2 px."""
    best = []
    for flip in (False, True):
        pts = [(x, height - 1 - y if flip else y, f) for x, y, f in other]
        votes = {}
        for ax, ay, _ in first:
            for bx, by, _ in pts:
                k = (round((bx - ax) / 2), round((by - ay) / 2))
                votes[k] = votes.get(k, 0) + 1
        if not votes:
            continue
        kx, ky = max(votes, key=votes.get)
        near = [(fa, fb) for ax, ay, fa in first for bx, by, fb in pts if abs(bx - ax - 2 * kx) <= 3 and abs(by - ay - 2 * ky) <= 3]
        if len(near) > len(best):
            best = near
    ratio = [float(np.median([fb[c] / fa[c] for fa, fb in best])) if best else None for c in range(3)]
    return {'stars': len(best), 'ratio': ratio}


if __name__ == '__main__':
    first = None
    for p in sys.argv[1:]:
        out, used, height = measure(p)
        if first is None:
            first = used
        else:
            out['paired'] = pair(first, used, height)
        print(json.dumps(out), flush=True)

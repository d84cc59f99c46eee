"""Independent checks of a solved CrowdSky stack with astropy (called by solved-stacks.test.ts).

  check_stack.py reference STACK SOLVE_FIELD_WCS RDLS   -> the stack's WCS against a TAN fit on
      every catalogue star solve-field places in the field (RDLS) matched to the stack's stars
  check_stack.py header STACK FRAME                      -> the stack's WCS against a frame's own WCS
  check_stack.py columns STACK                           -> STAR-TAB ra/dec against astropy.wcs at x, y
  check_stack.py photometry STACK                        -> zero points from numpy aperture photometry

Each prints one JSON object. Pixel coordinates here are astropy's 0-based ones, as STAR-TAB's.
"""
import json
import sys
import warnings

import numpy as np
from astropy import units as u
from astropy.coordinates import SkyCoord
from astropy.io import fits
from astropy.wcs import WCS
from astropy.wcs.utils import fit_wcs_from_points

warnings.simplefilter('ignore')

# A catalogue star is the stack star within this many pixels of where solve-field's WCS puts it.
MATCH_PX = 3.0


def stack_parts(path):
    with fits.open(path) as h:
        header = h[0].header.copy()
        width, height = h['GREEN'].header['NAXIS1'], h['GREEN'].header['NAXIS2']
        table = h['STAR-TAB'].data.copy()
        planes = {name: h[name].data.astype(np.float64) for name in ('RED', 'GREEN', 'BLUE')}
    return header, width, height, table, planes


def probe_points(width, height):
    """Centre and the four corners, 0-based."""
    return np.array([[(width - 1) / 2, (height - 1) / 2], [0, 0], [width - 1, 0], [0, height - 1], [width - 1, height - 1]], dtype=float)


def separations(wcs_a, wcs_b, points):
    a = wcs_a.pixel_to_world(points[:, 0], points[:, 1])
    b = wcs_b.pixel_to_world(points[:, 0], points[:, 1])
    return a.separation(b).arcsec.tolist()


def reference(stack, solve_field_wcs, rdls):
    header, width, height, table, _ = stack_parts(stack)
    ours = WCS(header)
    theirs = WCS(fits.getheader(solve_field_wcs))
    with fits.open(rdls) as r:
        cat = SkyCoord(r[1].data['RA'] * u.deg, r[1].data['DEC'] * u.deg)
    cx, cy = theirs.world_to_pixel(cat)
    xs, ys = np.asarray(table['x'], float), np.asarray(table['y'], float)
    pairs = []
    for k in range(len(cat)):
        d = np.hypot(xs - cx[k], ys - cy[k])
        i = int(np.argmin(d))
        if d[i] <= MATCH_PX:
            pairs.append((i, k))
    det = np.array([[xs[i], ys[i]] for i, _ in pairs])
    sky = cat[[k for _, k in pairs]]
    fitted = fit_wcs_from_points((det[:, 0], det[:, 1]), sky, projection='TAN')
    resid = fitted.pixel_to_world(det[:, 0], det[:, 1]).separation(sky).arcsec
    print(json.dumps({
        'catalogStars': len(cat),
        'pairs': len(pairs),
        'referenceRms': float(np.sqrt(np.mean(resid ** 2))),
        'vsReference': separations(ours, fitted, probe_points(width, height)),
        'vsSolveField': separations(ours, theirs, probe_points(width, height)),
    }))


def header_check(stack, frame):
    header, width, height, _, _ = stack_parts(stack)
    print(json.dumps({'vsFrame': separations(WCS(header), WCS(fits.getheader(frame)), probe_points(width, height))}))


def columns(stack):
    header, _, _, table, _ = stack_parts(stack)
    world = WCS(header).pixel_to_world(np.asarray(table['x'], float), np.asarray(table['y'], float))
    theirs = SkyCoord(np.asarray(table['ra'], float) * u.deg, np.asarray(table['dec'], float) * u.deg)
    sep = world.separation(theirs).arcsec
    print(json.dumps({'rows': len(table), 'worstArcsec': float(np.max(sep)), 'solved': bool(header['PLTSOLVD'])}))


def photometry(stack):
    """ZP per plane: VT + 2.5 log10(flux / EXPTIME) over the stars flagged for the zero point,
    aperture ZPAPER px, sky the median of the 1.5-2.5 ZPAPER annulus (3-5 FWHM)."""
    header, width, height, table, planes = stack_parts(stack)
    r_ap = header['ZPAPER']
    yy, xx = np.mgrid[0:height, 0:width]
    used = [row for row in table if int(row['flag']) & 2]
    out = {'stars': len(used)}
    for key, name in (('ZPR', 'RED'), ('ZPG', 'GREEN'), ('ZPB', 'BLUE')):
        plane = planes[name]
        zps = []
        for row in used:
            x, y = float(row['x']), float(row['y'])
            x0, x1 = int(np.floor(x - 2.5 * r_ap)), int(np.ceil(x + 2.5 * r_ap)) + 1
            y0, y1 = int(np.floor(y - 2.5 * r_ap)), int(np.ceil(y + 2.5 * r_ap)) + 1
            cut = plane[y0:y1, x0:x1]
            d = np.hypot(xx[y0:y1, x0:x1] - x, yy[y0:y1, x0:x1] - y)
            sky = np.median(cut[(d >= 1.5 * r_ap) & (d <= 2.5 * r_ap)])
            inside = d <= r_ap
            flux = cut[inside].sum() - inside.sum() * sky
            zps.append(float(row['cat_mag']) + 2.5 * np.log10(flux / header['EXPTIME']))
        out[key] = float(np.median(zps))
    print(json.dumps(out))


if __name__ == '__main__':
    command, *args = sys.argv[1:]
    {'reference': reference, 'header': header_check, 'columns': columns, 'photometry': photometry}[command](*args)

"""Reads a stack's two FITS downloads with astropy: argv[1] the CrowdSky FITS, argv[2] the RGB cube. Prints JSON."""
import json
import sys

import numpy as np
from astropy.io import fits
from astropy.wcs import WCS

STRUCTURAL = ('SIMPLE', 'BITPIX', 'NAXIS', 'EXTEND', 'COMMENT', 'HISTORY', '')

with fits.open(sys.argv[1]) as stack, fits.open(sys.argv[2]) as cube:
    stack.verify('exception')
    cube.verify('exception')
    planes = [stack[name].data for name in ('RED', 'GREEN', 'BLUE')]
    data = cube[0].data
    out = {
        'stack': [[h.name, list(h.data.shape) if h.data is not None else []] for h in stack],
        'cube': [[h.name, list(h.data.shape) if h.data is not None else []] for h in cube],
        'cubeDtype': data.dtype.str,
        'planesEqual': [bool(np.array_equal(data[i], p, equal_nan=True)) for i, p in enumerate(planes)],
        'nan': [int(np.isnan(p).sum()) for p in planes],
        'cubeNan': [int(np.isnan(data[i]).sum()) for i in range(3)],
        # Primary cards the cube lacks or holds with another value.
        'changedCards': [k for k in stack[0].header if k not in STRUCTURAL and cube[0].header.get(k) != stack[0].header[k]],
        'bunit': cube[0].header.get('BUNIT'),
    }
    if 'CTYPE1' in stack[0].header:
        h, w = planes[0].shape
        pixels = [[0, 0], [(w - 1) / 2, (h - 1) / 2], [w - 1, h - 1]]
        celestial = WCS(cube[0].header).celestial
        out['wcsAxes'] = celestial.naxis
        out['worldDiff'] = float(np.max(np.abs(WCS(stack[0].header).celestial.all_pix2world(pixels, 0) - celestial.all_pix2world(pixels, 0))))
print(json.dumps(out))

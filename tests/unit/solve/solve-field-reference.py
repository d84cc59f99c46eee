# The independent reference for a plate solution (issue 12): solve-field (astrometry.net, index 4108)
# on the star list, then a TAN fit (astropy's fit_wcs_from_points) on every star it matched to the
# index, evaluated at the image's centre and corners. solve-field's own WCS rests on a few stars and
# can be off by arcseconds at the corners; the fit on all its matches is the reference.
# stdin: {"stars": [{x, y, flux}] (0-based), "width", "height"}; stdout: JSON (see the end).
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
from astropy.coordinates import SkyCoord
from astropy.io import fits
from astropy.wcs.utils import fit_wcs_from_points

d = json.load(sys.stdin)
w, h = d['width'], d['height']
stars = sorted(d['stars'], key=lambda s: -s['flux'])
with tempfile.TemporaryDirectory() as tmp:
    xyls = os.path.join(tmp, 'stars.xyls')
    fits.BinTableHDU.from_columns([
        fits.Column(name='X', format='D', array=np.array([s['x'] + 1 for s in stars])),
        fits.Column(name='Y', format='D', array=np.array([s['y'] + 1 for s in stars])),
        fits.Column(name='FLUX', format='D', array=np.array([s['flux'] for s in stars])),
    ]).writeto(xyls)
    subprocess.run(['solve-field', '--no-plots', '--overwrite', '--cpulimit', '60', '--scale-units', 'arcsecperpix',
                    '--scale-low', '2.2', '--scale-high', '2.5', '--width', str(w), '--height', str(h),
                    '--x-column', 'X', '--y-column', 'Y', '--sort-column', 'FLUX', '--dir', tmp, xyls],
                   check=True, capture_output=True, timeout=180)
    corr = fits.getdata(os.path.join(tmp, 'stars.corr'))
    sky = SkyCoord(corr['index_ra'], corr['index_dec'], unit='deg')
    # astropy pixels are 0-based
    wcs = fit_wcs_from_points((corr['field_x'] - 1, corr['field_y'] - 1), sky, proj_point='center', projection='TAN')
    points = [[(w + 1) / 2, (h + 1) / 2], [1, 1], [1, h], [w, h], [w, 1]]
    print(json.dumps({'matched': len(corr), 'points': points, 'sky': wcs.all_pix2world(np.array(points, dtype=float), 1).tolist()}))

"""Our PCA and GMM against scikit-learn's on the same data. PCA, on the pipeline's
standardised training features: explained variance ratios of the kept components, SPE
(squared reconstruction error) and Hotelling T² of 200 scored rows. GMM (diagonal, reg_covar
1e-3, k = 2..5 by BIC) on three clusters: the same k, and a mean log-likelihood within 0.02.
OMR: the first sensor's level predicted by PLSRegression(5 components, scale=True) from
the other sensors' features, on the same 2000 training rows, within 1e-6 relative.
Regimes (mini-batch k-means, k by silhouette) on the same clusters: scikit-learn's
silhouette picks the same k, its KMeans inertia is within 2% of ours, and the
silhouette_score of our labels is within 0.01 of that of its labels. Both sides standardise with the training mean and sample standard deviation. Tolerance:
1e-6 relative on the ratios, 1e-3 relative on SPE and T².
Usage: check_sklearn.py DUMP_BINARY WORK_DIR"""
import pathlib
import shutil
import subprocess
import sys

try:
    import numpy as np
    from sklearn.decomposition import PCA
    from sklearn.cluster import KMeans
    from sklearn.cross_decomposition import PLSRegression
    from sklearn.metrics import silhouette_score
    from sklearn.mixture import GaussianMixture
except ImportError:
    print("SKIP: scikit-learn is not installed for /usr/bin/python3 (tools/setup.sh installs "
          "python3-sklearn)")
    sys.exit(0)

dump, work = sys.argv[1], pathlib.Path(sys.argv[2])
shutil.rmtree(work, ignore_errors=True)
work.mkdir(parents=True)
subprocess.run([dump, str(work)], check=True)
train = np.loadtxt(work / "train.csv", delimiter=",")
score = np.loadtxt(work / "score.csv", delimiter=",")
ours = np.loadtxt(work / "ours.csv", delimiter=",")
ratios = np.loadtxt(work / "ratios.csv", ndmin=1)

std = train.std(axis=0, ddof=1)
scale = np.where(std > 1e-12, std, 1.0)
z_train = (train - train.mean(axis=0)) / scale
z_score = (score - train.mean(axis=0)) / scale
k = len(ratios)
pca = PCA(n_components=k, svd_solver="full").fit(z_train)
problems = []
if not np.allclose(pca.explained_variance_ratio_, ratios, rtol=1e-6, atol=1e-12):
    problems.append(f"explained variance ratios differ: {pca.explained_variance_ratio_[:5]} vs "
                    f"{ratios[:5]}")
t = pca.transform(z_score)
spe = ((z_score - pca.inverse_transform(t)) ** 2).sum(axis=1)
t2 = (t ** 2 / pca.explained_variance_).sum(axis=1)
for name, theirs, mine in (("SPE", spe, ours[:, 0]), ("T2", t2, ours[:, 1])):
    worst = np.max(np.abs(theirs - mine) / np.maximum(np.abs(theirs), 1e-9))
    if worst > 1e-3:
        problems.append(f"{name} differs by up to {worst:.2e} (relative)")
    else:
        print(f"ok: {name} of 200 rows within {worst:.1e} of scikit-learn")
blobs = np.loadtxt(work / "blobs.csv", delimiter=",")
our_k, our_ll = np.loadtxt(work / "gmm.csv", delimiter=",")
z = (blobs - blobs.mean(axis=0)) / blobs.std(axis=0, ddof=1)
fits = {k: GaussianMixture(k, covariance_type="diag", reg_covar=1e-3, n_init=3,
                           random_state=0).fit(z) for k in range(2, 6)}
best = min(fits, key=lambda k: fits[k].bic(z))
their_ll = fits[best].score(z)
if best != int(our_k) or abs(their_ll - our_ll) > 0.02:
    problems.append(f"GMM: scikit-learn chose k={best} (mean log-likelihood {their_ll:.4f}), "
                    f"we chose k={int(our_k)} ({our_ll:.4f})")
else:
    print(f"ok: GMM k={best}, mean log-likelihood {our_ll:.4f} vs scikit-learn {their_ll:.4f}")
names = (work / "names.csv").read_text().split()
omr_lines = (work / "omr.csv").read_text().split()
sensor, ours_pred = omr_lines[0], np.array([float(v) for v in omr_lines[1:]])
target = names.index(sensor + "__mean")
predictors = [i for i, n in enumerate(names) if n.rsplit("__", 1)[0] != sensor]
omr_train = np.loadtxt(work / "omr_train.csv", delimiter=",")
pls = PLSRegression(n_components=5, scale=True).fit(omr_train[:, predictors], omr_train[:, target])
theirs_pred = pls.predict(score[:, predictors]).ravel()
worst = np.max(np.abs(theirs_pred - ours_pred) / np.maximum(np.abs(theirs_pred), 1e-9))
if worst > 1e-6:
    problems.append(f"OMR/PLS predictions of {sensor} differ by up to {worst:.2e} (relative)")
else:
    print(f"ok: PLS predictions of {sensor} within {worst:.1e} of scikit-learn")
regimes = np.loadtxt(work / "regimes.csv", delimiter=",", max_rows=1)
labels = np.loadtxt(work / "regimes.csv", skiprows=1).astype(int)
fitted = {k: KMeans(k, n_init=10, random_state=0).fit(z) for k in range(2, 11)}
silhouettes = {k: silhouette_score(z, fitted[k].labels_) for k in fitted}
best_k = max(silhouettes, key=silhouettes.get)
their_inertia = fitted[int(regimes[0])].inertia_
ours_silhouette = silhouette_score(z, labels)
if best_k != int(regimes[0]) or abs(regimes[1] - their_inertia) > 0.02 * their_inertia \
        or abs(ours_silhouette - silhouettes[best_k]) > 0.01:
    problems.append(f"regimes: scikit-learn k={best_k} inertia {their_inertia:.1f}; ours "
                    f"k={int(regimes[0])} inertia {regimes[1]:.1f} silhouette {ours_silhouette:.3f}")
else:
    print(f"ok: regimes k={best_k}, inertia {regimes[1]:.1f} vs scikit-learn {their_inertia:.1f}, "
          f"silhouette of our labels {ours_silhouette:.3f} vs theirs {silhouettes[best_k]:.3f}")
if problems:
    raise SystemExit("FAIL: " + "; ".join(problems))
print(f"ok: {k} components, ratios equal to scikit-learn's within 1e-6")

"""A small tanh network with mean-squared error, its exact gradient and exact Hessian-vector products.

The network maps inputs x (a row of X) through layers z_l = h_{l-1} W_l + b_l, h_l = tanh(z_l) for the hidden
layers, and outputs f = z_L (no activation). The loss on n samples with one-hot targets Y is

    L(theta) = 1/(2n) sum_i |f(x_i) - y_i|^2,

theta being every W_l and b_l, flattened layer by layer (W_l row by row, then b_l). The gradient comes from
back-propagation; the Hessian-vector product H v from Pearlmutter's R-operator (1994), R{.} = d/dr (.)(theta + r v)
at r = 0, carried forwards through the layers and back through back-propagation (forward-over-reverse): exact, at
about twice the cost of a gradient.
"""

from dataclasses import dataclass

import numpy as np

from mathcore import validation


@dataclass(frozen=True)
class Problem:
    """A tanh network of layer sizes ``sizes`` (inputs, hidden..., outputs) fitted to inputs X (n, sizes[0]) and
    targets Y (n, sizes[-1]) by mean-squared error."""

    sizes: tuple[int, ...]
    X: np.ndarray
    Y: np.ndarray

    def __post_init__(self) -> None:
        sizes = tuple(validation.count("sizes", s, minimum=1) for s in self.sizes)
        if len(sizes) < 2:
            raise validation.invalid("sizes", self.sizes, "must name at least inputs and outputs")
        X = validation.finite_array("X", self.X, shape=(None, sizes[0]))
        Y = validation.finite_array("Y", self.Y, shape=(X.shape[0], sizes[-1]))
        if X.shape[0] == 0:
            raise validation.invalid("X", self.X, "must hold at least one sample")
        object.__setattr__(self, "sizes", sizes)
        object.__setattr__(self, "X", validation.readonly(X))
        object.__setattr__(self, "Y", validation.readonly(Y))

    @property
    def dim(self) -> int:
        """Number of weights (see :func:`weight_count`)."""
        return weight_count(self.sizes)

    def layers(self, theta) -> list[tuple[np.ndarray, np.ndarray]]:
        """``theta`` cut into (W_l, b_l) pairs, W_l of shape (n_{l-1}, n_l) (views, no copy)."""
        theta = validation.finite_array("theta", theta, shape=(self.dim,))
        out, k = [], 0
        for a, b in zip(self.sizes[:-1], self.sizes[1:]):
            out.append((theta[k:k + a * b].reshape(a, b), theta[k + a * b:k + (a + 1) * b]))
            k += (a + 1) * b
        return out

    def _forward(self, layers) -> list[np.ndarray]:
        """h_0 = X, h_l = tanh(h_{l-1} W_l + b_l) for hidden layers, and last the outputs f = h_{L-1} W_L + b_L."""
        hs = [self.X]
        for i, (W, b) in enumerate(layers):
            z = hs[-1] @ W + b
            hs.append(z if i == len(layers) - 1 else np.tanh(z))
        return hs

    def outputs(self, theta) -> np.ndarray:
        """The network's outputs f(x_i), shape (n, outputs)."""
        return self._forward(self.layers(theta))[-1]

    def loss(self, theta) -> float:
        """L = 1/(2n) sum_i |f(x_i) - y_i|^2."""
        r = self.outputs(theta) - self.Y
        return float(0.5 * np.sum(r * r) / len(self.Y))

    def loss_and_gradient(self, theta) -> tuple[float, np.ndarray]:
        """L and dL/dtheta by back-propagation: d_L = (f - Y)/n, dL/dW_l = h_{l-1}^T d_l, dL/db_l = sum_i d_l,
        d_{l-1} = (d_l W_l^T) * (1 - h_{l-1}^2)."""
        layers = self.layers(theta)
        hs = self._forward(layers)
        r = hs[-1] - self.Y
        n = len(self.Y)
        delta = r / n
        grads = []
        for l in range(len(layers) - 1, -1, -1):
            W, _ = layers[l]
            grads.append(np.concatenate([(hs[l].T @ delta).ravel(), delta.sum(axis=0)]))
            if l > 0:
                delta = (delta @ W.T) * (1.0 - hs[l] ** 2)
        return float(0.5 * np.sum(r * r) / n), np.concatenate(grads[::-1])

    def gradient(self, theta) -> np.ndarray:
        """dL/dtheta (see :meth:`loss_and_gradient`)."""
        return self.loss_and_gradient(theta)[1]

    def hessian_vector_product(self, theta, v) -> np.ndarray:
        """H v, exactly, by the R-operator. Forwards: R{h_0} = 0, R{z_l} = R{h_{l-1}} W_l + h_{l-1} V_l + c_l,
        R{h_l} = (1 - h_l^2) R{z_l}. Backwards: R{d_L} = R{f}/n, R{dL/dW_l} = R{h_{l-1}}^T d_l + h_{l-1}^T R{d_l},
        R{d_{l-1}} = (R{d_l} W_l^T + d_l V_l^T) (1 - h_{l-1}^2) - 2 (d_l W_l^T) h_{l-1} R{h_{l-1}}; (V_l, c_l) is
        ``v`` cut like theta."""
        layers, directions = self.layers(theta), self.layers(validation.finite_array("v", v, shape=(self.dim,)))
        hs = self._forward(layers)
        rs = [np.zeros_like(self.X)]  # R{h_l}
        for i, ((W, _), (V, c)) in enumerate(zip(layers, directions)):
            rz = rs[-1] @ W + hs[i] @ V + c
            rs.append(rz if i == len(layers) - 1 else (1.0 - hs[i + 1] ** 2) * rz)
        n = len(self.Y)
        delta, r_delta = (hs[-1] - self.Y) / n, rs[-1] / n
        out = []
        for l in range(len(layers) - 1, -1, -1):
            (W, _), (V, _) = layers[l], directions[l]
            out.append(np.concatenate([(rs[l].T @ delta + hs[l].T @ r_delta).ravel(), r_delta.sum(axis=0)]))
            if l > 0:
                back = delta @ W.T
                slope = 1.0 - hs[l] ** 2
                r_delta = (r_delta @ W.T + delta @ V.T) * slope - 2.0 * back * hs[l] * rs[l]
                delta = back * slope
        return np.concatenate(out[::-1])


def weight_count(sizes) -> int:
    """Weights and biases of a network of layer sizes n_0..n_L: sum_l (n_{l-1} + 1) n_l."""
    sizes = [validation.count("sizes", s, minimum=1) for s in sizes]
    return sum((a + 1) * b for a, b in zip(sizes[:-1], sizes[1:]))


def initial_weights(sizes, seed) -> np.ndarray:
    """Weights W_l with entries drawn from N(0, 1/n_{l-1}) (LeCun's scaling, which keeps tanh layers from
    saturating) and zero biases, flattened as :class:`Problem` reads them; the same ``seed`` gives the same weights."""
    sizes = tuple(validation.count("sizes", s, minimum=1) for s in sizes)
    rng = np.random.default_rng(validation.non_negative_int("seed", seed))
    parts = []
    for a, b in zip(sizes[:-1], sizes[1:]):
        parts += [rng.normal(0.0, 1.0 / np.sqrt(a), size=a * b), np.zeros(b)]
    return np.concatenate(parts)


def one_hot(labels, classes) -> np.ndarray:
    """Rows e_{label}: shape (len(labels), classes)."""
    classes = validation.count("classes", classes, minimum=1)
    labels = validation.counts("labels", labels)
    if np.any(labels >= classes):
        raise validation.invalid("labels", labels, f"entries must be < classes = {classes}")
    return np.eye(classes)[labels]


def layer_sizes(inputs, width, depth, outputs) -> tuple[int, ...]:
    """(inputs, width repeated ``depth`` times, outputs): a network of ``depth`` hidden layers of ``width`` units."""
    depth = validation.count("depth", depth, minimum=1)
    return (validation.count("inputs", inputs, minimum=1),) + (validation.count("width", width, minimum=1),) * depth \
        + (validation.count("outputs", outputs, minimum=1),)

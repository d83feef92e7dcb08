#!/usr/bin/python3
"""Writes schedule_vectors.json: reference LR and momentum sequences from PyTorch's
CyclicLR and OneCycleLR, which the C# schedules must reproduce to 1e-12 relative.

Run with the interpreter that has torch (Debian's python3-torch):
    /usr/bin/python3 tests/LrCluster.Core.Tests/Schedules/gen_schedule_vectors.py

The values are read from the optimizer's param group before each scheduler.step(), which
is what a training loop sees at that optimizer step. Custom scale functions are named so
the C# tests can rebuild the same function (see SCALE_FNS and ReferenceVectors.cs).
"""

import json
import math
import os
import warnings

import torch

# Names shared with the C# tests; each must be expressible with the same floating-point
# operations there.
SCALE_FNS = {
    "pow_half": lambda x: 0.5 ** x,
    "pow_0_999": lambda x: 0.999 ** x,
    "inv_sqrt_plus1": lambda x: 1.0 / math.sqrt(x + 1.0),
}

CYCLIC_CASES = [
    dict(name="triangular_symmetric", base_lr=0.001, max_lr=0.006, step_size_up=20, steps=200),
    dict(name="triangular_asymmetric_momentum", base_lr=0.01, max_lr=0.1, step_size_up=7,
         step_size_down=13, cycle_momentum=True, steps=300),
    dict(name="triangular_sawtooth_down_zero", base_lr=0.02, max_lr=0.2, step_size_up=3,
         step_size_down=0, steps=40),
    dict(name="triangular_flat_base_equals_max", base_lr=0.05, max_lr=0.05, step_size_up=5,
         cycle_momentum=True, steps=30),
    dict(name="triangular_one_step_halves", base_lr=0.1, max_lr=1.0, step_size_up=1,
         step_size_down=1, steps=20),
    dict(name="triangular2_symmetric_momentum", base_lr=0.001, max_lr=0.01, step_size_up=25,
         cycle_momentum=True, steps=300),
    dict(name="triangular2_asymmetric", base_lr=1e-5, max_lr=1.0, step_size_up=10,
         step_size_down=30, mode="triangular2", steps=250),
    dict(name="triangular2_long_wide", base_lr=1e-4, max_lr=3.0, step_size_up=100,
         step_size_down=100, mode="triangular2", steps=600),
    dict(name="exp_range_symmetric_momentum", base_lr=0.001, max_lr=0.006, step_size_up=15,
         mode="exp_range", gamma=0.99, cycle_momentum=True, base_momentum=0.85,
         max_momentum=0.95, steps=300),
    dict(name="exp_range_asymmetric_slow", base_lr=0.0003, max_lr=0.03, step_size_up=40,
         step_size_down=10, mode="exp_range", gamma=0.9995, steps=400),
    dict(name="custom_pow_half_cycle_default", base_lr=0.01, max_lr=0.5, step_size_up=12,
         scale_fn="pow_half", steps=200),
    dict(name="custom_pow_half_iterations", base_lr=0.01, max_lr=0.5, step_size_up=4,
         step_size_down=6, scale_fn="pow_half", scale_mode="iterations", steps=60),
    dict(name="custom_pow_0_999_iterations_momentum", base_lr=0.002, max_lr=0.02,
         step_size_up=9, step_size_down=21, scale_fn="pow_0_999", scale_mode="iterations",
         cycle_momentum=True, base_momentum=0.85, max_momentum=0.95, steps=300),
    dict(name="custom_inv_sqrt_cycle_explicit", base_lr=0.05, max_lr=0.4, step_size_up=8,
         step_size_down=8, scale_fn="inv_sqrt_plus1", scale_mode="cycle", cycle_momentum=True,
         steps=256),
    dict(name="custom_inv_sqrt_iterations_asymmetric", base_lr=0.05, max_lr=0.4,
         step_size_up=3, step_size_down=17, scale_fn="inv_sqrt_plus1",
         scale_mode="iterations", steps=200),
]

ONE_CYCLE_CASES = [
    dict(name="two_phase_cos_defaults", max_lr=0.1, total_steps=200),
    dict(name="two_phase_linear", max_lr=0.5, total_steps=250, anneal_strategy="linear"),
    dict(name="two_phase_cos_fastai_like", max_lr=0.003, total_steps=400, pct_start=0.25,
         div_factor=25.0, final_div_factor=1e5),
    dict(name="two_phase_cos_half", max_lr=1.0, total_steps=100, pct_start=0.5,
         div_factor=10.0, final_div_factor=100.0),
    dict(name="two_phase_fractional_phase_end", max_lr=0.2, total_steps=97, pct_start=0.33),
    dict(name="two_phase_tiny", max_lr=0.2, total_steps=7),
    dict(name="two_phase_single_step", max_lr=0.2, total_steps=1),
    dict(name="two_phase_no_warmup", max_lr=0.1, total_steps=50, pct_start=0.0),
    dict(name="two_phase_all_warmup", max_lr=0.1, total_steps=40, pct_start=1.0,
         anneal_strategy="linear"),
    dict(name="two_phase_no_momentum", max_lr=0.05, total_steps=120, cycle_momentum=False),
    dict(name="two_phase_adam_beta1", max_lr=0.01, total_steps=150, optimizer="adam",
         base_momentum=0.8, max_momentum=0.99),
    dict(name="three_phase_cos", max_lr=0.1, total_steps=300, pct_start=0.25, three_phase=True),
    dict(name="three_phase_linear", max_lr=0.4, total_steps=301, pct_start=0.4,
         anneal_strategy="linear", div_factor=10.0, final_div_factor=100.0, three_phase=True),
    dict(name="three_phase_adam_cos", max_lr=0.002, total_steps=211, pct_start=0.3,
         three_phase=True, optimizer="adam"),
    dict(name="three_phase_overlong_middle", max_lr=0.1, total_steps=100, pct_start=0.6,
         three_phase=True),
]

# Configurations PyTorch cannot evaluate (it divides by zero at step 0); the C# options
# must reject them up front.
ERROR_CASES = [
    dict(kind="cyclic", name="cyclic_zero_step_up", base_lr=0.01, max_lr=0.1,
         step_size_up=0, step_size_down=5),
    dict(kind="one_cycle", name="one_cycle_warmup_of_one_step", max_lr=0.1, total_steps=10,
         pct_start=0.1),
]


def dummy_optimizer(kind):
    param = torch.zeros(1, requires_grad=True)
    if kind == "adam":
        return torch.optim.Adam([param], lr=0.1)
    return torch.optim.SGD([param], lr=0.1, momentum=0.9)


def momentum_of(group, kind):
    return group["betas"][0] if kind == "adam" else group["momentum"]


def cyclic_case(case):
    steps = case["steps"]
    scale_fn_name = case.get("scale_fn")
    kwargs = dict(
        base_lr=case["base_lr"], max_lr=case["max_lr"], step_size_up=case["step_size_up"],
        step_size_down=case.get("step_size_down"), mode=case.get("mode", "triangular"),
        gamma=case.get("gamma", 1.0),
        scale_fn=SCALE_FNS[scale_fn_name] if scale_fn_name else None,
        cycle_momentum=case.get("cycle_momentum", False),
        base_momentum=case.get("base_momentum", 0.8),
        max_momentum=case.get("max_momentum", 0.9))
    if "scale_mode" in case:
        kwargs["scale_mode"] = case["scale_mode"]
    opt = dummy_optimizer("sgd")
    sched = torch.optim.lr_scheduler.CyclicLR(opt, **kwargs)
    lrs, moms = [], []
    for _ in range(steps):
        group = opt.param_groups[0]
        lrs.append(group["lr"])
        moms.append(group["momentum"])
        opt.step()
        sched.step()
    params = {k: v for k, v in case.items() if k not in ("name", "steps")}
    return dict(name=case["name"], params=params, steps=steps, lr=lrs,
                momentum=moms if kwargs["cycle_momentum"] else None)


def one_cycle_case(case):
    total = case["total_steps"]
    kind = case.get("optimizer", "sgd")
    kwargs = dict(
        max_lr=case["max_lr"], total_steps=total, pct_start=case.get("pct_start", 0.3),
        anneal_strategy=case.get("anneal_strategy", "cos"),
        cycle_momentum=case.get("cycle_momentum", True),
        base_momentum=case.get("base_momentum", 0.85),
        max_momentum=case.get("max_momentum", 0.95),
        div_factor=case.get("div_factor", 25.0),
        final_div_factor=case.get("final_div_factor", 1e4),
        three_phase=case.get("three_phase", False))
    opt = dummy_optimizer(kind)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, **kwargs)
    lrs, moms = [], []
    for i in range(total):
        group = opt.param_groups[0]
        lrs.append(group["lr"])
        moms.append(momentum_of(group, kind))
        opt.step()
        # Stepping past the last one would move the scheduler to step total_steps, which
        # the C# schedule rejects; no need to ask PyTorch for it.
        if i < total - 1:
            sched.step()
    params = {k: v for k, v in case.items() if k != "name"}
    return dict(name=case["name"], params=params, steps=total, lr=lrs,
                momentum=moms if kwargs["cycle_momentum"] else None)


def error_case(case):
    opt = dummy_optimizer("sgd")
    params = {k: v for k, v in case.items() if k not in ("name", "kind")}
    try:
        if case["kind"] == "cyclic":
            torch.optim.lr_scheduler.CyclicLR(opt, cycle_momentum=False, **params)
        else:
            torch.optim.lr_scheduler.OneCycleLR(opt, **params)
    except ZeroDivisionError as error:
        return dict(name=case["name"], kind=case["kind"], params=params,
                    torch_error=type(error).__name__)
    raise AssertionError("expected PyTorch to fail on " + case["name"])


def main():
    warnings.simplefilter("ignore")
    torch.manual_seed(0)
    out = dict(
        generator="gen_schedule_vectors.py",
        torch_version=torch.__version__,
        note="values read from param_groups[0] before each scheduler.step()",
        cyclic=[cyclic_case(c) for c in CYCLIC_CASES],
        one_cycle=[one_cycle_case(c) for c in ONE_CYCLE_CASES],
        rejected=[error_case(c) for c in ERROR_CASES],
    )
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schedule_vectors.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    points = sum(len(c["lr"]) for c in out["cyclic"] + out["one_cycle"])
    print("wrote {} ({} cases, {} points)".format(
        path, len(out["cyclic"]) + len(out["one_cycle"]), points))


if __name__ == "__main__":
    main()

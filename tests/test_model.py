from factcheck.model import Interval, Severity


def test_open_lower_bound_excludes_its_value():
    over_150 = Interval(150, 160, lo_open=True)
    assert not over_150.contains(150)
    assert over_150.contains(154)
    assert str(over_150) == "(150,160]"


def test_interval_sum_keeps_openness():
    total = Interval(800, 900, lo_open=True) + Interval(900, 900)
    assert str(total) == "(1700,1800]"


def test_severity_order():
    assert Severity.ERROR > Severity.WARNING > Severity.INFO
    assert Severity.parse("warning") is Severity.WARNING

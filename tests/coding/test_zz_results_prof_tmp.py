import random, cProfile, pstats, io
import pytest
from tests.coding.test_results import make_codes
from tests.support import make_campaign, small_questionnaire
from vivier.coding.models import Source, Coding, Code
pytestmark = pytest.mark.django_db
def test_prof(analyst_axel, analyst_axel_client):
    c = make_campaign(small_questionnaire("t"), slug="t")
    codes = make_codes(c)
    book = codes["A"].codebook
    extra = [Code.objects.create(codebook=book, parent=codes["types"], name=f"Code {i}", position=10+i) for i in range(20)]
    pool = [codes["A"], codes["B"], codes["C"], codes["D"], *extra]
    from vivier.campaigns import services
    from datetime import datetime, UTC
    rng = random.Random(1)
    srcs = []
    for i in range(1771):
        r = services.create_submitted(c, key=f"k{i}", answers={"role": rng.choice(["pro","pc"]), "connait": "yes", "nom": f"texte {i}", "themes": ["a"]}, submitted_at=datetime(2020,8,24,10,tzinfo=UTC))
        srcs.append(Source(campaign=c, kind="answer", name=f"r{i}", response=r, question="nom", text=f"texte {i}"))
    Source.objects.bulk_create(srcs)
    srcs = list(Source.objects.filter(campaign=c))
    Coding.objects.bulk_create([Coding(source=s, code=code, coder=analyst_axel) for s in srcs for code in rng.sample(pool, rng.randint(0, 3))])
    analyst_axel_client.get("/codage/t/resultats/?croiser=role")
    pr = cProfile.Profile(); pr.enable()
    analyst_axel_client.get("/codage/t/resultats/?croiser=role")
    pr.disable()
    s = io.StringIO(); pstats.Stats(pr, stream=s).sort_stats("cumulative").print_stats(35); print(s.getvalue())

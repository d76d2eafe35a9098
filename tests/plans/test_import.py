"""Importing a plan document through the pages: upload, review, correct, compare, import, publish."""

import io

import pytest

from innocity.plans.models import ImportStatus, Plan, PlanImport, Responsibility
from tests.conftest import SAMPLE

pytestmark = pytest.mark.django_db
DOCUMENT = SAMPLE.read_text("utf-8")
# A revised document: a changed number, a unit added to one task, an unknown unit in another.
REVISED = (DOCUMENT.replace("十四五末建成9个加氢站", "十四五末建成12个加氢站")
           .replace("(责任单位:市卫健委、市大数据局、市应急局)", "(责任单位:市卫健委、市大数据局、市应急局、市科技局)")
           .replace("(责任单位:市农业农村局、各县〔市、区〕政府)", "(责任单位:市农业农村局、市信访局、各县〔市、区〕政府)"))
OTHER_TITLE = REVISED.replace("新乡市创新型城市建设三年行动工作方案\n(2022—2024年)", "新乡市创新型城市建设三年行动工作方案(修订稿)\n(2022—2024年)")


def upload(client, text: str, name: str = "plan.txt"):
    data = io.BytesIO(text.encode("utf-8"))
    data.name = name
    return client.post("/plans/import/", {"document": data})


def task_index(plan_import: PlanImport, number: str) -> int:
    return next(i for i, t in enumerate(plan_import.document["tasks"]) if t["number"] == number)


def test_uploading_the_stored_plan_shows_no_change(client_as):
    client = client_as("plan_office")
    response = upload(client, DOCUMENT)
    plan_import = PlanImport.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/plans/import/{plan_import.pk}/"
    assert len(plan_import.document["tasks"]) == 21
    page = client.get(response["Location"]).content.decode()
    assert "与已存储方案" in page and "任务、责任单位、量化目标与发展目标均无变化" in page
    # What the parser could not settle is shown for a person to check, e.g. 全覆盖 (no number).
    assert "目标没有数值" in page and "推动规上工业企业研发活动全覆盖" in page


def test_a_revised_document_shows_its_changes_and_flags(client_as):
    client = client_as("plan_office")
    upload(client, REVISED)
    page = client.get(f"/plans/import/{PlanImport.objects.get().pk}/").content.decode()
    assert "+ 建成12个加氢站" in page and "− 建成9个加氢站" in page
    assert "+ 市科技局" in page and "+ 市信访局" in page
    assert "市信访局 · 不在组织名录中" in page
    assert "责任单位未能在组织名录中找到" in page


def test_correcting_a_unit_and_a_target(client_as):
    client = client_as("plan_office")
    upload(client, REVISED)
    plan_import = PlanImport.objects.get()
    url = f"/plans/import/{plan_import.pk}/edit"
    task = task_index(plan_import, "18")
    response = client.post(url, {"action": "unit", "task": task, "name": "市信访局", "org": "市委编办"},
                           HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "<html" not in response.content.decode()
    plan_import.refresh_from_db()
    units = plan_import.document["tasks"][task]["units"]
    assert {"name": "市信访局", "org": "市委编办"}.items() <= next(u for u in units if u["name"] == "市信访局").items()

    hydrogen = task_index(plan_import, "17")
    bad = client.post(url, {"action": "target", "owner": "task", "owner_index": hydrogen, "target": 0,
                            "indicator": "加氢站", "comparator": ">=", "value": "十二", "unit": "个", "deadline": "2025"},
                      HTTP_HX_REQUEST="true")
    assert bad.status_code == 422 and "数" in bad.content.decode()
    good = client.post(url, {"action": "target", "owner": "task", "owner_index": hydrogen, "target": 0,
                             "indicator": "建成加氢站", "comparator": ">=", "value": "12", "unit": "座", "deadline": "2025"},
                       HTTP_HX_REQUEST="true")
    assert good.status_code == 200
    plan_import.refresh_from_db()
    target = plan_import.document["tasks"][hydrogen]["targets"][0]
    assert (target["indicator"], target["comparator"], target["value"], target["unit"]) == ("建成加氢站", ">=", 12, "座")
    client.post(url, {"action": "delete_target", "owner": "goal", "owner_index": 0, "target": 0}, HTTP_HX_REQUEST="true")
    plan_import.refresh_from_db()
    assert len(plan_import.document["goals"]) == 12


def test_importing_as_a_draft_then_publishing(client_as):
    client = client_as("plan_office")
    upload(client, OTHER_TITLE)
    plan_import = PlanImport.objects.get()
    response = client.post(f"/plans/import/{plan_import.pk}/commit")
    draft = Plan.objects.get(title="新乡市创新型城市建设三年行动工作方案(修订稿)(2022—2024年)")
    assert response.status_code == 302 and response["Location"] == f"/plans/{draft.pk}/"
    assert (draft.status, draft.tasks.count()) == ("draft", 21)
    plan_import.refresh_from_db()
    assert (plan_import.status, plan_import.plan) == (ImportStatus.IMPORTED, draft)
    unresolved = Responsibility.objects.get(task__plan=draft, organisation=None)
    assert unresolved.written_as == "市信访局"
    # Leaders do not see drafts; the plan office does, with the unresolved unit marked.
    assert client_as("leader").get(f"/plans/{draft.pk}/").status_code == 403
    page = client_as("plan_office").get(f"/plans/{draft.pk}/tasks/{unresolved.task_id}/").content.decode()
    assert "市信访局" in page and "不在组织名录中" in page
    refused = client.post(f"/plans/{draft.pk}/publish", follow=True).content.decode()
    assert "任务 18 的责任单位 市信访局 尚未对应到组织名录" in refused
    draft.refresh_from_db()
    assert draft.status == "draft"
    unresolved.delete()
    client.post(f"/plans/{draft.pk}/publish")
    draft.refresh_from_db()
    assert draft.status == "published"


def test_a_stored_title_is_replaced_only_when_asked(client_as, plan):
    client = client_as("plan_office")
    upload(client, REVISED)
    plan_import = PlanImport.objects.get()
    client.post(f"/plans/import/{plan_import.pk}/edit",
                {"action": "unit", "task": task_index(plan_import, "18"), "name": "市信访局", "org": "市委编办"})
    refused = client.post(f"/plans/import/{plan_import.pk}/commit")
    assert refused.status_code == 422 and "已存在同名方案" in refused.content.decode()
    assert Plan.objects.get().pk == plan.pk
    client.post(f"/plans/import/{plan_import.pk}/commit", {"replace": "on"})
    replaced = Plan.objects.get()
    assert replaced.pk != plan.pk and replaced.status == "draft"
    assert replaced.targets.filter(text="建成12个加氢站").exists()


def test_unreadable_files_are_refused_with_the_reason(client_as):
    client = client_as("plan_office")
    data = io.BytesIO(b"%PDF-1.4 garbage \x00\x01\x02")
    data.name = "scan.pdf"
    response = client.post("/plans/import/", {"document": data})
    assert response.status_code == 400
    assert "PDF" in response.content.decode()
    assert not PlanImport.objects.exists()


def test_a_discarded_import_can_no_longer_be_changed(client_as):
    client = client_as("plan_office")
    upload(client, OTHER_TITLE)
    plan_import = PlanImport.objects.get()
    client.post(f"/plans/import/{plan_import.pk}/discard")
    plan_import.refresh_from_db()
    assert plan_import.status == ImportStatus.DISCARDED
    response = client.post(f"/plans/import/{plan_import.pk}/edit", {"action": "task_title", "task": 0, "title": "x"},
                           HTTP_HX_REQUEST="true")
    assert response.status_code == 422 and "该导入已结束" in response.content.decode()


def test_the_plan_exports_as_a_data_file_that_reads_back(client_as, plan):
    from innocity.plans.services import plan_data_read

    response = client_as("plan_office").get(f"/plans/{plan.pk}/export.yaml")
    assert response["Content-Type"].startswith("application/yaml")
    data = plan_data_read(response.content.decode(), "export.yaml")
    assert len(data.tasks) == 21 and len(data.goals) == 13
    assert sum(len(u.orgs) for t in data.tasks for u in t.units) == 306

"""From the request form to the doorstep, as an embedding service runs it.

Run it with ``python examples/intake_to_dispatch.py``. It reads
``examples/intake_form_rows.csv`` (fifteen made-up rows as a Dinas's form exports them,
bad ones included: a NIK a spreadsheet turned into scientific notation, an invalid NIK, an
address without RW, "diambil" without a collection point, an unknown document) and takes
them through every step with the public API only:

1. intake: rows to residents and requests, every problem of every row reported;
2. decisions: who may have documents delivered, under the Kabupaten Bekasi 2020 policy;
3. packing: printed documents into household shipments with S10 tracking numbers, the Suket
   a card supersedes linked;
4. dispatch: the deliveries over working days under each office's couriers, and the
   courier's manifest (no NIK);
5. courier events in today's Pos Indonesia tracking vocabulary (NIPOS), folded in;
6. reconciliation: every document in exactly one state; the batch as JSON and back.

All NIKs and names are made up: they follow the rules but belong to nobody. The example
reads its CSV; the library itself does no I/O.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

from adminduk_delivery import batches, couriers, dispatch, intake, policy, serialization
from adminduk_delivery.address import Address
from adminduk_delivery.batches import TrackedEvent
from adminduk_delivery.documents import CollectionPoint, Document, DocumentKind, Fulfilment
from adminduk_delivery.labels import label
from adminduk_delivery.shipments import Recipient, RecipientKind, ShipmentEvent, ShipmentStatus
from adminduk_delivery.tracking import s10_series

HERE = Path(__file__).parent
WIB = dt.timezone(dt.timedelta(hours=7), "WIB")
FORM_DAY = dt.date(2020, 3, 1)
PRINTED = dt.date(2020, 3, 9)
HANDOVER = dt.date(2020, 3, 20)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=WIB)


def main() -> None:
    # 1. Intake --------------------------------------------------------------------------
    with open(HERE / "intake_form_rows.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    read = intake.read_rows(rows, as_of=FORM_DAY, regency="Kabupaten Bekasi")
    print(f"1. Intake: {read.rows_read} rows, {read.rows_accepted} accepted, "
          f"{read.rows_rejected} rejected")  # fmt: skip
    for problem in read.problems:
        print(f"   rejected row {problem.row + 1} [{problem.column}: {problem.code}] "
              f"{problem.message}")  # fmt: skip
    for note in read.warnings:
        print(f"   note on row {note.row + 1} [{note.column}: {note.code}] {note.message}")

    # 2. Decisions -----------------------------------------------------------------------
    programme = policy.BEKASI_2020
    deliveries = [q for q in read.requests if q.fulfilment is Fulfilment.DELIVER]
    decisions = [policy.delivery_eligibility(q, policy=programme) for q in deliveries]
    allowed = {d.subject for d in decisions if d.allowed}
    print(f"\n2. Decisions ({programme.name}): {len(allowed)} of {len(decisions)} deliveries "
          "allowed")  # fmt: skip
    for decision in decisions:
        if decision.reason is not None:
            print(f"   {decision.subject}: refused, {decision.reason.message_id}")
    to_pack = [q for q in read.requests if q.fulfilment is Fulfilment.COLLECT or q.id in allowed]

    # 3. Packing -------------------------------------------------------------------------
    printed = [
        Document(id=f"BKS-{n:04d}", kind=q.kind, owner_nik=q.nik, issue_date=PRINTED)
        for n, q in enumerate(read.requests, start=1)
    ]
    # Siti waited on a Suket: it stands in for her KTP-el until the card reaches her.
    siti = next(r for r in read.residents if r.name == "SITI AMINAH")
    suket = Document(id="SKT-0001", kind=DocumentKind.SUKET, owner_nik=siti.nik,
                     issue_date=dt.date(2019, 6, 3))  # fmt: skip
    counters = {
        CollectionPoint.DINAS: Address(village_code="3216202001", street="Jl. Kenanga Raya",
                                       house_number="1"),
        CollectionPoint.POST_OFFICE: Address(village_code="3216092001",
                                             street="Jl. Raya Cikarang", house_number="2"),
    }  # fmt: skip
    serials = s10_series("RR", 20_200_001)  # the range the post office allotted
    batch = batches.pack(printed, to_pack, tracking_numbers=serials, batch_id="BAST-2020-03-20",
                         collection_addresses=counters, sukets=[suket])  # fmt: skip
    print(f"\n3. Packing: {len(printed)} documents into {len(batch.shipments)} shipments; "
          f"next tracking number {next(serials)}")  # fmt: skip

    # 4. Dispatch ------------------------------------------------------------------------
    at_counter = set(counters.values())
    to_deliver = [s for s in batch.shipments if s.address not in at_counter]
    # One courier per office, one household per route: a small office's week, in miniature.
    schedule = dispatch.dispatch(to_deliver, start=HANDOVER, capacity=10, couriers=1,
                                 max_stops=1)  # fmt: skip
    print(f"\n4. Dispatch: {len(to_deliver)} deliveries over {len(schedule.days)} working days")
    for figures in schedule.per_day():
        print(f"   {figures['day']:%a %d %b}: {figures['routes']} routes, {figures['stops']} "
              f"stops, {figures['remaining']} waiting")  # fmt: skip
    print("   manifest for the courier (no NIK):")
    for row in dispatch.manifest(to_deliver, read.residents, policy=programme,
                                 schedule=schedule):  # fmt: skip
        print(f"   {row['day']:%d %b} route {row['office']}/{row['route']} #{row['position']}"
              f"  {row['tracking_number']}  {row['names']}  ({row['documents']})")  # fmt: skip

    # 5. Courier events (Pos Indonesia NIPOS) --------------------------------------------
    nipos = couriers.POS_NIPOS
    events = []
    for n, shipment in enumerate(to_deliver):
        day = schedule.day_of(shipment.tracking_number)
        assert day is not None
        scans = [
            (at(HANDOVER, 7), "PICKED", "telah diterima dari Disdukcapil Kab. Bekasi"),
            (at(HANDOVER, 7, 45), "INLOCATION", "telah melewati proses Receiving di KC CIKARANG"),
            (at(day, 8, 30), "DELIVERYRUNSHEET", "telah melewati proses DeliveryRunsheet"),
        ]
        if n == 1:  # nobody home at first: delivered to a household member the next day
            again = day + dt.timedelta(days=1)
            scans += [
                (at(day, 11), "FAILEDTODELIVERED", "PENERIMA TIDAK DI TEMPAT"),
                (at(again, 8, 30), "ANTAR ULANG", "antar ulang"),
                (at(again, 10), "DELIVERED", "selesai dikirim (DITERIMA ORANG SERUMAH)"),
            ]
        else:
            scans.append((at(day, 11), "DELIVERED", "selesai dikirim (DITERIMA YANG BERSANGKUTAN)"))
        events += [
            TrackedEvent(tracking_number=shipment.tracking_number,
                         event=couriers.translate(nipos, code=code, text=text, at=when))
            for when, code, text in scans
        ]  # fmt: skip
    for shipment in batch.shipments:
        if shipment.address in at_counter:  # collected at the counter by their owner
            steps = [(ShipmentStatus.HANDED_OVER, at(HANDOVER, 7)),
                     (ShipmentStatus.AT_DELIVERY_OFFICE, at(HANDOVER, 9)),
                     (ShipmentStatus.HELD_FOR_PICKUP, at(HANDOVER, 14)),
                     (ShipmentStatus.COLLECTED, at(dt.date(2020, 3, 24), 10))]  # fmt: skip
            events += [
                TrackedEvent(
                    tracking_number=shipment.tracking_number,
                    event=ShipmentEvent(
                        status=status,
                        at=when,
                        recipient=Recipient(kind=RecipientKind.OWNER)
                        if status is ShipmentStatus.COLLECTED
                        else None,
                    ),
                )
                for status, when in steps
            ]
    batch = batch.fold(events)
    print(f"\n5. Courier events: {len(events)} scans folded in, {len(batch.rejected)} rejected")

    # 6. Reconciliation and JSON ---------------------------------------------------------
    report = batch.reconcile()
    print(f"\n6. Reconciliation: {report.total} documents handed over, balanced: "
          f"{report.balanced}")  # fmt: skip
    for bucket, count in report.by_bucket.items():
        if count:
            print(f"   {label(bucket):<22} {count}")
    for anomaly in report.anomalies:
        print(f"   {label(anomaly.kind)}: {anomaly.document_id or anomaly.tracking_number}")
    print(f"   Suket superseded by a delivered KTP-el: {', '.join(report.superseded_suket_ids)}")
    text = json.dumps(serialization.to_dict(batch))
    assert serialization.from_dict(json.loads(text), batches.Batch) == batch
    print(f"   the batch as JSON: {len(text):,} characters, loads back equal")


if __name__ == "__main__":
    main()

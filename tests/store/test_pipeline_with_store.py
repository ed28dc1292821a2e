"""The store and the translation memory under the pipeline: TM before MT, human work kept,
approved work flows back into the memory."""

from __future__ import annotations

from workbench import pipeline
from workbench.document import Origin, Status
from workbench.engine.scripted import ScriptedTranslator
from workbench.memory import TranslationMemory
from workbench.store import open_store

TEXT = "Первое предложение. Второе предложение.\n\nТретье предложение.\n"
MT = {
    "Первое предложение.": "First sentence.",
    "Второе предложение.": "Second sentence.",
    "Третье предложение.": "Third sentence.",
}


def test_tm_fill_mt_edit_approve_round_trip() -> None:
    store = open_store()
    memory = TranslationMemory()
    try:
        info = pipeline.import_text(store, TEXT, "demo.txt")
        ids = [s.id for s in store.get_document(info.id).segments()]
        assert len(ids) == 3
        memory.add("Второе предложение.", "Second sentence, from memory.",
                   context_prev="Первое предложение.", context_next="Третье предложение.")

        engine = ScriptedTranslator(MT)
        report = pipeline.translate_document(store, info.id, engine, memory=memory)
        assert (report.memory, report.machine) == (1, 2)
        segs = {s.id: s for s in store.get_document(info.id).segments()}
        assert (segs[ids[1]].target, segs[ids[1]].origin) == ("Second sentence, from memory.", Origin.TM)
        assert (segs[ids[0]].target, segs[ids[0]].origin, segs[ids[0]].status) == (
            "First sentence.", Origin.MT, Status.DRAFT)

        edited = store.save_segment(ids[0], target="The first sentence.", expected_version=segs[ids[0]].version)
        assert edited.origin is Origin.HUMAN
        pipeline.translate_document(store, info.id, engine, memory=memory, overwrite=False)
        assert store.get_segment(ids[0]).target == "The first sentence."

        store.set_status(ids, Status.APPROVED)
        # the TM-filled segment is already in the memory with the same context: not duplicated
        assert memory.add_from_document(store.get_document(info.id)) == 2
        assert len(memory) == 3
        match = memory.exact("Первое предложение.", next="Второе предложение.")
        assert (match.kind, match.target) == ("context", "The first sentence.")
    finally:
        memory.close()
        store.close()

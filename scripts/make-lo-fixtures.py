#!/usr/bin/python3
"""Make the LibreOffice-written workbook fixtures under test/fixtures/workbooks/ (committed).

LibreOffice (not this project) writes every byte of these files: it opens the sample workbook,
adds what a real triage workbook carries beside its tables (a chart, a picture, comments,
conditional formats, data validation, defined names, formulas, the 1904 date system, a macro
module) and saves it with its own .xlsx / .xlsm filters. Needs LibreOffice and python3-uno
(Debian: apt-get install libreoffice-calc-nogui python3-uno). Run from the repository root:

    /usr/bin/python3 scripts/make-lo-fixtures.py   # Debian's python3, which has uno
    /usr/bin/python3 scripts/make-lo-fixtures.py actor-keys   # only libreoffice-actor-keys.xlsx

libreoffice-actor-keys.xlsx was made later than the others, from the sample once it had its
ActorKeysTable (sheet ACTOR_KEYS); the others were made before, and are not remade with it.
"""
import os, subprocess, sys, tempfile, time
import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.awt import Size, Point
from com.sun.star.table import CellAddress, CellRangeAddress
from com.sun.star.util import Date as UnoDate

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
OUT = os.path.join(ROOT, "test", "fixtures", "workbooks")
SAMPLE = os.path.join(ROOT, "assets", "SealedRun-Sample.xlsx")
ICON = os.path.join(ROOT, "assets", "icon-64.png")

def prop(name, value):
    p = PropertyValue(); p.Name = name; p.Value = value; return p

def connect():
    profile = tempfile.mkdtemp(prefix="lo-fixtures-")
    pipe = "sealedrun%d" % os.getpid()
    proc = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore", "--nologo",
                             "-env:UserInstallation=file://" + profile,
                             "--accept=pipe,name=%s;urp;" % pipe])
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(100):
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            return proc, ctx, ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except Exception:
            time.sleep(0.3)
    raise SystemExit("LibreOffice did not start")

def load(desktop, path):
    return desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0, (prop("Hidden", True),))

def add_chart(doc, sheet, name, rng, x, y):
    rect = uno.createUnoStruct("com.sun.star.awt.Rectangle"); rect.X, rect.Y, rect.Width, rect.Height = x, y, 12000, 7000
    addr = sheet.getCellRangeByName(rng).getRangeAddress()
    sheet.getCharts().addNewByName(name, rect, (addr,), True, True)

def add_picture(ctx, doc, sheet, x, y):
    gp = ctx.ServiceManager.createInstanceWithContext("com.sun.star.graphic.GraphicProvider", ctx)
    graphic = gp.queryGraphic((prop("URL", uno.systemPathToFileUrl(ICON)),))
    shape = doc.createInstance("com.sun.star.drawing.GraphicObjectShape")
    shape.Graphic = graphic
    sheet.getDrawPage().add(shape)
    shape.setSize(Size(1700, 1700)); shape.setPosition(Point(x, y))

def decorate(ctx, doc):
    sheets = doc.getSheets()
    runs = sheets.getByName("LLM_OUTPUT")
    # A notes sheet with formulas, a chart of the confidence column, names, validation, comments.
    sheets.insertNewByName("Notes", sheets.getCount())
    notes = sheets.getByName("Notes")
    notes.getCellRangeByName("A1").setString("Formula")
    notes.getCellRangeByName("B1").setString("Result")
    notes.getCellRangeByName("A2").setString("sum")
    notes.getCellRangeByName("B2").setFormula("=1+2")
    notes.getCellRangeByName("A3").setString("mean confidence")
    notes.getCellRangeByName("B3").setFormula("=AVERAGE(LLM_OUTPUT.H2:H16)")
    notes.getCellRangeByName("A4").setString("runs")
    notes.getCellRangeByName("B4").setFormula("=COUNTA(LLM_OUTPUT.A2:A16)")
    add_chart(doc, runs, "ConfidenceChart", "H1:H16", 1000, 60000)
    add_chart(doc, notes, "NotesChart", "B2:B4", 500, 3000)
    ranges = doc.NamedRanges
    ranges.addNewByName("ConfidenceColumn", "$LLM_OUTPUT.$H$2:$H$16", CellAddress(0, 0, 0), 0)
    ranges.addNewByName("RunCount", "$Notes.$B$4", CellAddress(0, 0, 0), 0)
    anns = runs.getAnnotations()
    anns.insertNew(CellAddress(0, 0, 1), "Reviewed by J. Rivera")
    notes.getAnnotations().insertNew(CellAddress(notes.getRangeAddress().Sheet, 1, 1), "=1+2 is a formula here")
    # Conditional format on the confidence column, validation on the review date column.
    h = runs.getCellRangeByName("H2:H16")
    cf = h.ConditionalFormat
    cf.addNew((prop("Operator", uno.Enum("com.sun.star.sheet.ConditionOperator", "LESS")), prop("Formula1", "0.5"), prop("StyleName", "Bad")))
    h.ConditionalFormat = cf
    i = runs.getCellRangeByName("I2:I16")
    v = i.Validation
    v.Type = uno.Enum("com.sun.star.sheet.ValidationType", "DATE")
    v.setOperator(uno.Enum("com.sun.star.sheet.ConditionOperator", "GREATER"))
    v.setFormula1("40000")
    v.ShowErrorMessage = True
    v.ErrorMessage = "A review date after 2009"
    i.Validation = v
    add_picture(ctx, doc, runs, 20000, 60000)
    return notes

def save(doc, path, filt):
    doc.storeToURL(uno.systemPathToFileUrl(path), (prop("FilterName", filt), prop("Overwrite", True)))

def main():
    os.makedirs(OUT, exist_ok=True)
    proc, ctx, desktop = connect()
    try:
        if sys.argv[1:] == ["actor-keys"]:
            # The sample's empty ActorKeysTable beside the same charts, picture, comments, names.
            doc = load(desktop, SAMPLE)
            decorate(ctx, doc)
            save(doc, os.path.join(OUT, "libreoffice-actor-keys.xlsx"), "Calc MS Excel 2007 XML")
            doc.close(True)
            return
        # 1. Charts, a picture, comments, conditional formats, validation, names, formulas.
        doc = load(desktop, SAMPLE)
        decorate(ctx, doc)
        save(doc, os.path.join(OUT, "libreoffice-features.xlsx"), "Calc MS Excel 2007 XML")
        doc.close(True)
        # 2. The 1904 date system: dates re-entered so that they name the same days.
        doc = load(desktop, SAMPLE)
        decorate(ctx, doc)
        runs = doc.getSheets().getByName("LLM_OUTPUT")
        serials = {}
        for col in ("B", "I"):
            for row in range(2, 17):
                c = runs.getCellRangeByName("%s%d" % (col, row)); serials[(col, row)] = c.getValue()
        d = UnoDate(); d.Day, d.Month, d.Year = 1, 1, 1904
        doc.NullDate = d
        for (col, row), value in serials.items():
            runs.getCellRangeByName("%s%d" % (col, row)).setValue(value - 1462)
        save(doc, os.path.join(OUT, "libreoffice-1904.xlsx"), "Calc MS Excel 2007 XML")
        # 3. Macro-enabled, with a Basic module.
        libs = doc.BasicLibraries
        lib = libs.getByName("Standard") if libs.hasByName("Standard") else libs.createLibrary("Standard")
        lib.insertByName("SealedRunMacro", "Sub Hello\n  MsgBox \"kept by sealed-run\"\nEnd Sub\n")
        save(doc, os.path.join(OUT, "libreoffice-macro.xlsm"), "Calc MS Excel 2007 VBA XML")
        doc.close(True)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        proc.wait(timeout=30)

if __name__ == "__main__":
    main()

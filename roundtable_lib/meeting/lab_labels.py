"""Labels of the chairs' JupyterLab itself, outside any notebook's widgets: the one line a
notebook shows when its kernel or its server is gone (drawn by the page style that
:mod:`roundtable_lib.serving.lab_folder` writes).

Part of :data:`roundtable_lib.meeting.labels.LABELS` (merged there, so ``t()`` finds them).
Pure: no imports.
"""

LAB_LABELS = {
    # the notebook was reopened after a restart: its outputs point to widgets no kernel holds
    "lab.kernel_gone": (
        "This screen starts when you open the Run menu and choose Run All Cells.",
        "หน้าจอนี้จะเริ่มทำงานเมื่อเปิดเมนู Run แล้วเลือก Run All Cells",
    ),
    # the page stayed open while the server (or the kernel, for good) went away: its widgets lead nowhere
    "lab.disconnected": (
        "This screen lost its connection: reload the page, then open the Run menu and choose Run All Cells.",
        "หน้าจอนี้ขาดการเชื่อมต่อ: โหลดหน้านี้ใหม่ แล้วเปิดเมนู Run และเลือก Run All Cells",
    ),
}

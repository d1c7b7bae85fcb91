import { List, Stack, Table, Text } from "@mantine/core";
import type { DeliveryPlan } from "../api/types";
import { formatDateTime, formatViNumber, formatVnd } from "../format";
import { NoteList } from "../ui";

/** Who the send reaches, at what cost, and who it does not reach and why: as the server planned it. */
export function PlanView({ plan }: { plan: DeliveryPlan }) {
  return (
    <Stack gap="xs" aria-label="Kế hoạch gửi">
      <Text size="sm">
        Bắt đầu gửi: <strong>{formatDateTime(plan.startsAt)}</strong> (giờ Việt Nam)
      </Text>
      <NoteList notes={plan.warnings} color="yellow" />
      <Table withTableBorder>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th scope="row">Tin quảng bá (bài viết)</Table.Th>
            <Table.Td data-plan="broadcast">
              {plan.broadcast.included
                ? `Có: khoảng ${formatViNumber(plan.broadcast.estimatedReach)} người theo dõi ở ${plan.broadcast.where}`
                : `Không gửi: ${plan.broadcast.reason ?? ""}`}
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">Tin tóm tắt cho người đăng ký</Table.Th>
            <Table.Td data-plan="digest">
              {formatViNumber(plan.digest.recipients)} người ({formatViNumber(plan.digest.free)} miễn phí trong 48 giờ,{" "}
              {formatViNumber(plan.digest.billable)} tính phí)
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">Chi phí ước tính</Table.Th>
            <Table.Td>{formatVnd(plan.digest.estimatedCostVnd)}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      {plan.notReached.length > 0 && (
        <>
          <Text size="sm" fw={700}>
            Không nhận được
          </Text>
          <List size="sm">
            {plan.notReached.map((n) => (
              <List.Item key={n.reason}>
                {formatViNumber(n.count)} người: {n.explanation}
              </List.Item>
            ))}
          </List>
        </>
      )}
    </Stack>
  );
}
